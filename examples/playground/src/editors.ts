// The two YAML editors (CodeMirror 6) and their inline error markers.
import { basicSetup, EditorView } from "codemirror";
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import type { Text } from "@codemirror/state";

export function createEditor(parent: HTMLElement, label: string, onChange: () => void): EditorView {
  return new EditorView({
    parent,
    doc: "",
    extensions: [
      basicSetup,
      yaml(),
      lintGutter(),
      EditorView.contentAttributes.of({ "aria-label": label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChange();
      }),
    ],
  });
}

export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** The document offset of 1-based `line`/`column`, clamped into the document. */
export function offsetOf(doc: Text, line: number | null, column: number | null): number {
  if (line === null) return 0;
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(l.from + Math.max((column ?? 1) - 1, 0), l.to);
}

/** Marks the error (or clears marks with `undefined`) and scrolls to it. */
export function showError(view: EditorView, error: { line: number | null; column: number | null; message: string } | undefined): void {
  if (!error) {
    view.dispatch(setDiagnostics(view.state, []));
    return;
  }
  const doc = view.state.doc;
  const from = offsetOf(doc, error.line, error.column);
  const lineEnd = doc.lineAt(from).to;
  const diagnostic: Diagnostic = { from, to: Math.max(lineEnd, from), severity: "error", message: error.message, source: "dsplan" };
  view.dispatch(setDiagnostics(view.state, [diagnostic]), { effects: EditorView.scrollIntoView(from, { y: "center" }) });
}
