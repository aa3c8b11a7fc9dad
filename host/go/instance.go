package dsplan

import (
	"context"
	"fmt"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// instance is one instantiation of the module with its ABI exports looked up.
type instance struct {
	module api.Module
	memory api.Memory
	alloc  api.Function
	free   api.Function
	entry  api.Function
}

// instantiate creates an instance and checks its ABI major version (ABI.md, "Calling order").
func (p *Planner) instantiate(ctx context.Context) (*instance, error) {
	// An empty name lets any number of instances of the module coexist in one runtime.
	module, err := p.runtime.InstantiateModule(ctx, p.compiled, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		return nil, fmt.Errorf("dsplan: instantiate module: %w", err)
	}
	inst := &instance{
		module: module,
		memory: module.Memory(),
		alloc:  module.ExportedFunction("dsplan_alloc"),
		free:   module.ExportedFunction("dsplan_free"),
		entry:  module.ExportedFunction("dsplan_call"),
	}
	version := module.ExportedFunction("dsplan_abi_version")
	if inst.memory == nil || inst.alloc == nil || inst.free == nil || inst.entry == nil || version == nil {
		_ = module.Close(ctx)
		return nil, fmt.Errorf("dsplan: module lacks the core ABI exports (is it dsplan.core.wasm?)")
	}
	results, err := version.Call(ctx)
	if err != nil {
		_ = module.Close(ctx)
		return nil, fmt.Errorf("dsplan: dsplan_abi_version: %w", err)
	}
	if major := api.DecodeI32(results[0]); major != abiMajor {
		_ = module.Close(ctx)
		return nil, fmt.Errorf("dsplan: module speaks ABI %d, this package speaks %d", major, abiMajor)
	}
	return inst, nil
}

// put copies data into a fresh guest buffer and returns its pointer.
func (i *instance) put(ctx context.Context, data []byte) (uint32, error) {
	results, err := i.alloc.Call(ctx, api.EncodeU32(uint32(len(data))))
	if err != nil {
		return 0, fmt.Errorf("dsplan: dsplan_alloc: %w", err)
	}
	ptr := api.DecodeU32(results[0])
	if !i.memory.Write(ptr, data) {
		return 0, fmt.Errorf("dsplan: dsplan_alloc returned %d+%d, outside memory", ptr, len(data))
	}
	return ptr, nil
}

// call runs fn on request and returns a copy of the response (ABI.md, "Calling order" step 2).
// On error the instance must be discarded.
func (i *instance) call(ctx context.Context, fn string, request []byte) ([]byte, error) {
	fnPtr, err := i.put(ctx, []byte(fn))
	if err != nil {
		return nil, err
	}
	reqPtr, err := i.put(ctx, request)
	if err != nil {
		return nil, err
	}
	results, err := i.entry.Call(ctx,
		api.EncodeU32(fnPtr), api.EncodeU32(uint32(len(fn))),
		api.EncodeU32(reqPtr), api.EncodeU32(uint32(len(request))))
	if err != nil {
		return nil, fmt.Errorf("dsplan: dsplan_call %s: %w", fn, err)
	}
	packed := results[0]
	resPtr, resLen := uint32(packed>>32), uint32(packed)
	// Read after the call: the memory may have grown. Read returns a view, so copy it out.
	view, ok := i.memory.Read(resPtr, resLen)
	if !ok {
		return nil, fmt.Errorf("dsplan: response %d+%d is outside memory", resPtr, resLen)
	}
	response := append([]byte(nil), view...)
	for _, buf := range [][2]uint32{{fnPtr, uint32(len(fn))}, {reqPtr, uint32(len(request))}, {resPtr, resLen}} {
		if _, err := i.free.Call(ctx, api.EncodeU32(buf[0]), api.EncodeU32(buf[1])); err != nil {
			return nil, fmt.Errorf("dsplan: dsplan_free: %w", err)
		}
	}
	return response, nil
}
