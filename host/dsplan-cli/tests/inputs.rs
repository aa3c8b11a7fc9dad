//! How `dsplan` takes its input files: a regular file (mapped), standard input and a pipe
//! (read) give the same answer; text that is not UTF-8 is refused with the file's name.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const CLUSTER: &str = "examples/clusters/mixed-os-arch.yaml";
const DAEMON_SET: &str = "examples/daemonsets/node-exporter.yaml";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `dsplan plan -o json --snapshot SNAPSHOT --daemonset DAEMON_SET`, writing `stdin` to
/// its standard input.
fn plan(snapshot: &Path, stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dsplan"))
        .current_dir(repo())
        .args([
            "plan",
            "-o",
            "json",
            "--daemonset",
            DAEMON_SET,
            "--snapshot",
        ])
        .arg(snapshot)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dsplan runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin)
        .expect("stdin is written");
    child.wait_with_output().expect("dsplan exits")
}

fn exit_and_stdout(output: &Output) -> (Option<i32>, String) {
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn a_file_standard_input_and_a_pipe_give_the_same_plan() {
    let cluster = fs::read(repo().join(CLUSTER)).expect("example cluster");
    let from_file = plan(Path::new(CLUSTER), b"");
    assert!(
        from_file.stdout.starts_with(b"{"),
        "plan from a file: {}",
        String::from_utf8_lossy(&from_file.stderr)
    );
    let from_stdin = plan(Path::new("-"), &cluster);
    assert_eq!(exit_and_stdout(&from_stdin), exit_and_stdout(&from_file));

    // A named pipe cannot be mapped: it is read instead.
    let dir = tempfile::tempdir().expect("temporary directory");
    let fifo = dir.path().join("cluster.yaml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", fifo.display());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::write(fifo, cluster).expect("the pipe is written"))
    };
    let from_pipe = plan(&fifo, b"");
    writer.join().expect("writer thread");
    assert_eq!(exit_and_stdout(&from_pipe), exit_and_stdout(&from_file));
}

#[test]
fn an_empty_file_reads_as_empty_standard_input_does() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let empty = dir.path().join("empty.yaml");
    fs::write(&empty, "").expect("empty file");
    let from_file = plan(&empty, b"");
    let from_stdin = plan(Path::new("-"), b"");
    assert_eq!(from_file.status.code(), from_stdin.status.code());
    assert_eq!(from_file.stdout, from_stdin.stdout);
}

#[test]
fn text_that_is_not_utf8_is_refused_with_the_file_name() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let latin1 = dir.path().join("latin1.yaml");
    fs::write(
        &latin1,
        b"apiVersion: v1\nkind: Node\nmetadata:\n  name: n\xe9\n",
    )
    .expect("file");
    let output = plan(&latin1, b"");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains(&format!("reading {}: not UTF-8 text", latin1.display())),
        "stderr: {stderr}"
    );
    assert!(output.stdout.is_empty());
}
