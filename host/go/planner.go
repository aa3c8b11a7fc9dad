// Package dsplan runs the dsplan DaemonSet placement planner (dist/dsplan.core.wasm) on wazero,
// a pure-Go WebAssembly runtime, through the core module's JSON ABI (wasm/ABI.md, section 2).
//
// Create one Planner per process with New; it compiles the module once and is safe for
// concurrent use: each call borrows an instance from a pool and instantiates a new one when all
// are busy.
package dsplan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/tetratelabs/wazero"
)

// EnvWasm names the environment variable that gives the path of dsplan.core.wasm when Options
// sets neither WasmPath nor WasmBytes.
const EnvWasm = "DSPLAN_WASM"

// abiMajor is the core ABI major version this package speaks.
const abiMajor = 1

// Options configure New. The module comes from WasmBytes, else WasmPath, else $DSPLAN_WASM,
// else dist/dsplan.core.wasm in the working directory or the nearest parent that has one.
type Options struct {
	// WasmPath is the path of dsplan.core.wasm.
	WasmPath string
	// WasmBytes is the module itself (for example from go:embed); it wins over WasmPath.
	WasmBytes []byte
	// CompilationCache is a directory where wazero keeps compiled machine code, so that the next
	// process that uses the same directory and module skips compilation (seconds). Empty:
	// dsplan/wazero under os.UserCacheDir, or no disk cache when the user has no cache directory.
	CompilationCache string
	// NoCompilationCache compiles the module in memory only, for every New.
	NoCompilationCache bool
	// MaxIdle caps the instances kept for reuse between calls; 0 means GOMAXPROCS.
	MaxIdle int
	// MemoryLimitPages caps each instance's linear memory in 64 KiB pages; 0 means wazero's
	// default (4 GiB). An instance that hits it traps and is discarded.
	MemoryLimitPages uint32
}

// Planner plans DaemonSet placement. It is safe for concurrent use; Close releases it.
type Planner struct {
	runtime  wazero.Runtime
	compiled wazero.CompiledModule
	cache    wazero.CompilationCache

	mu      sync.Mutex
	idle    []*instance
	maxIdle int
	closed  bool
}

// New loads, compiles and checks the module, and keeps one instance ready.
func New(ctx context.Context, opts Options) (*Planner, error) {
	wasm, err := loadWasm(opts)
	if err != nil {
		return nil, err
	}
	config := wazero.NewRuntimeConfig().WithCloseOnContextDone(true)
	if opts.MemoryLimitPages != 0 {
		config = config.WithMemoryLimitPages(opts.MemoryLimitPages)
	}
	var cache wazero.CompilationCache
	if dir := cacheDir(opts); dir != "" {
		cache, err = wazero.NewCompilationCacheWithDir(dir)
		if err != nil {
			return nil, fmt.Errorf("dsplan: compilation cache %s: %w", dir, err)
		}
		config = config.WithCompilationCache(cache)
	}
	rt := wazero.NewRuntimeWithConfig(ctx, config)
	compiled, err := rt.CompileModule(ctx, wasm)
	if err != nil {
		_ = rt.Close(ctx)
		return nil, fmt.Errorf("dsplan: compile module: %w", err)
	}
	p := &Planner{runtime: rt, compiled: compiled, cache: cache, maxIdle: opts.MaxIdle}
	if p.maxIdle <= 0 {
		p.maxIdle = runtime.GOMAXPROCS(0)
	}
	inst, err := p.instantiate(ctx)
	if err != nil {
		_ = p.Close(ctx)
		return nil, err
	}
	p.release(inst)
	return p, nil
}

// cacheDir is the compilation cache directory opts ask for ("" for none).
func cacheDir(opts Options) string {
	switch {
	case opts.NoCompilationCache:
		return ""
	case opts.CompilationCache != "":
		return opts.CompilationCache
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "dsplan", "wazero")
}

// loadWasm returns the module bytes named by opts (see Options).
func loadWasm(opts Options) ([]byte, error) {
	if opts.WasmBytes != nil {
		return opts.WasmBytes, nil
	}
	path := opts.WasmPath
	if path == "" {
		path = os.Getenv(EnvWasm)
	}
	if path == "" {
		found, err := findDist()
		if err != nil {
			return nil, err
		}
		path = found
	}
	wasm, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("dsplan: read module: %w", err)
	}
	return wasm, nil
}

// findDist looks for dist/dsplan.core.wasm in the working directory and its parents.
func findDist() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("dsplan: working directory: %w", err)
	}
	for {
		candidate := filepath.Join(dir, "dist", "dsplan.core.wasm")
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("dsplan: no module: set Options.WasmPath or $%s, or run scripts/build-wasm.sh to create dist/dsplan.core.wasm", EnvWasm)
		}
		dir = parent
	}
}

// Role says what a Document holds.
type Role string

// The document roles of the ABI's plan request.
const (
	// RoleSnapshot is a cluster snapshot (`dsplan plan --snapshot`).
	RoleSnapshot Role = "snapshot"
	// RoleProposed holds proposed DaemonSets (`dsplan plan --daemonset`).
	RoleProposed Role = "proposed"
)

// Document is one input file: YAML or JSON text, named for error messages.
type Document struct {
	Name string `json:"name"`
	Text string `json:"text"`
	Role Role   `json:"role"`
}

// Plan plans every DaemonSet of documents and decodes the report.
func (p *Planner) Plan(ctx context.Context, documents []Document, gates FeatureGates) (*PlanReport, error) {
	raw, err := p.PlanJSON(ctx, documents, gates)
	return decode[PlanReport]("plan", raw, err)
}

// request is the ABI request object of plan, rollout, check and validate (wasm/ABI.md); nil
// parts are left out, so the module uses its defaults.
type request struct {
	Documents []Document      `json:"documents"`
	Options   *requestOptions `json:"options,omitempty"`
	Policy    *Policy         `json:"policy,omitempty"`
	Timing    *Timing         `json:"timing,omitempty"`
}

type requestOptions struct {
	FeatureGates FeatureGates `json:"featureGates"`
}

// Policy is a policy file for Check: its name (for errors) and its YAML or JSON text.
type Policy struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// Timing holds the pod lifecycle latencies, in seconds, a rollout timeline assumes
// (`dsplan rollout --pod-start-seconds` etc.). A nil *Timing means the CLI's defaults.
type Timing struct {
	PodStartSeconds    int64 `json:"podStartSeconds"`
	ReadinessSeconds   int64 `json:"readinessSeconds"`
	TerminationSeconds int64 `json:"terminationSeconds"`
}

// callJSON sends req to fn and returns the `ok` bytes.
func (p *Planner) callJSON(ctx context.Context, fn string, req request) ([]byte, error) {
	if req.Documents == nil {
		req.Documents = []Document{}
	}
	encoded, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("dsplan: encode %s request: %w", fn, err)
	}
	return p.call(ctx, fn, encoded)
}

// decode unmarshals the `ok` bytes of fn into a new T.
func decode[T any](fn string, raw []byte, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	var value T
	if err := json.Unmarshal(raw, &value); err != nil {
		return nil, fmt.Errorf("dsplan: decode %s report: %w", fn, err)
	}
	return &value, nil
}

// PlanJSON plans every DaemonSet of documents and returns the report exactly as the module wrote
// it: the bytes of the `ok` value, byte-identical to `dsplan plan -o json`.
func (p *Planner) PlanJSON(ctx context.Context, documents []Document, gates FeatureGates) ([]byte, error) {
	return p.callJSON(ctx, "plan", request{Documents: documents, Options: &requestOptions{FeatureGates: gates}})
}

// Rollout simulates each DaemonSet's update sync by sync and decodes the report. A nil timing
// means the CLI's defaults.
func (p *Planner) Rollout(ctx context.Context, documents []Document, gates FeatureGates, timing *Timing) (*RolloutReport, error) {
	raw, err := p.RolloutJSON(ctx, documents, gates, timing)
	return decode[RolloutReport]("rollout", raw, err)
}

// RolloutJSON is Rollout's report exactly as the module wrote it (the engine's RolloutReport,
// the JSON of `dsplan rollout -o json`).
func (p *Planner) RolloutJSON(ctx context.Context, documents []Document, gates FeatureGates, timing *Timing) ([]byte, error) {
	return p.callJSON(ctx, "rollout", request{Documents: documents, Options: &requestOptions{FeatureGates: gates}, Timing: timing})
}

// Check evaluates policy (nil: the built-in default policy) against the plan and the rollout of
// documents and decodes the report.
func (p *Planner) Check(ctx context.Context, documents []Document, policy *Policy, gates FeatureGates, timing *Timing) (*CheckReport, error) {
	raw, err := p.CheckJSON(ctx, documents, policy, gates, timing)
	return decode[CheckReport]("check", raw, err)
}

// CheckJSON is Check's report exactly as the module wrote it (the engine's CheckReport).
func (p *Planner) CheckJSON(ctx context.Context, documents []Document, policy *Policy, gates FeatureGates, timing *Timing) ([]byte, error) {
	return p.callJSON(ctx, "check", request{Documents: documents, Options: &requestOptions{FeatureGates: gates}, Policy: policy, Timing: timing})
}

// Validate checks every DaemonSet of documents as the API server checks a create.
func (p *Planner) Validate(ctx context.Context, documents []Document) (*ValidationReport, error) {
	raw, err := p.ValidateJSON(ctx, documents)
	return decode[ValidationReport]("validate", raw, err)
}

// ValidateJSON is Validate's report exactly as the module wrote it (`dsplan validate -o json`).
func (p *Planner) ValidateJSON(ctx context.Context, documents []Document) ([]byte, error) {
	return p.callJSON(ctx, "validate", request{Documents: documents})
}

// Version reports the planner's version, the Kubernetes version it follows and its feature gates.
func (p *Planner) Version(ctx context.Context) (*VersionInfo, error) {
	raw, err := p.call(ctx, "version", []byte("{}"))
	if err != nil {
		return nil, err
	}
	var info VersionInfo
	if err := json.Unmarshal(raw, &info); err != nil {
		return nil, fmt.Errorf("dsplan: decode version: %w", err)
	}
	return &info, nil
}

// call runs fn on an instance from the pool and returns the `ok` bytes or the `error` as *Error.
func (p *Planner) call(ctx context.Context, fn string, request []byte) ([]byte, error) {
	inst, err := p.acquire(ctx)
	if err != nil {
		return nil, err
	}
	response, err := inst.call(ctx, fn, request)
	if err != nil {
		// A trap or cancellation may leave the guest inconsistent: drop the instance (ABI.md).
		_ = inst.module.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	p.release(inst)
	return splitResponse(response)
}

var (
	okPrefix    = []byte(`{"ok":`)
	errorPrefix = []byte(`{"error":`)
)

// splitResponse takes the response apart (ABI.md, "Response"): the module writes `{"ok":` + the
// value's exact bytes + `}`, so the value is the bytes in between; or `{"error":{...}}`.
func splitResponse(response []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(response, okPrefix) && bytes.HasSuffix(response, []byte("}")):
		return response[len(okPrefix) : len(response)-1], nil
	case bytes.HasPrefix(response, errorPrefix):
		var wrapper struct {
			Error *Error `json:"error"`
		}
		if err := json.Unmarshal(response, &wrapper); err != nil || wrapper.Error == nil {
			return nil, fmt.Errorf("dsplan: malformed error response: %.200q", response)
		}
		return nil, wrapper.Error
	default:
		return nil, fmt.Errorf("dsplan: malformed response: %.200q", response)
	}
}

// ErrClosed is returned by calls on a closed Planner.
var ErrClosed = errors.New("dsplan: planner is closed")

func (p *Planner) acquire(ctx context.Context) (*instance, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, ErrClosed
	}
	if n := len(p.idle); n > 0 {
		inst := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return inst, nil
	}
	p.mu.Unlock()
	return p.instantiate(ctx)
}

func (p *Planner) release(inst *instance) {
	p.mu.Lock()
	if !p.closed && len(p.idle) < p.maxIdle {
		p.idle = append(p.idle, inst)
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	_ = inst.module.Close(context.Background())
}

// Close releases every instance, the compiled module and the runtime. Calls in flight finish.
func (p *Planner) Close(ctx context.Context) error {
	p.mu.Lock()
	p.closed = true
	p.idle = nil
	p.mu.Unlock()
	err := p.runtime.Close(ctx)
	if p.cache != nil {
		err = errors.Join(err, p.cache.Close(ctx))
	}
	return err
}
