//! The core-module JSON ABI (`dist/dsplan.core.wasm`, wasm/ABI.md) driven the way a non-Rust
//! host drives it: alloc, write, call, read, free. Its `ok` is the native report's JSON.

use crate::generate::generated_snapshot;
use dsplan_engine::{Input, Options, Role};
use serde_json::{json, Value};
use std::sync::OnceLock;
use wasmtime::{Engine, Instance, Memory, Module, Store, TypedFunc};

/// The core module, compiled once for all tests (each test instantiates its own).
fn module() -> &'static Module {
    static MODULE: OnceLock<Module> = OnceLock::new();
    MODULE.get_or_init(|| {
        let bytes = include_bytes!(concat!(env!("DSPLAN_WASM_DIR"), "/dsplan.core.wasm"));
        Module::new(&Engine::default(), bytes).expect("core module compiles")
    })
}

struct Abi {
    store: Store<()>,
    memory: Memory,
    alloc: TypedFunc<u32, u32>,
    free: TypedFunc<(u32, u32), ()>,
    call: TypedFunc<(u32, u32, u32, u32), u64>,
}

impl Abi {
    fn load() -> Self {
        let module = module();
        assert_eq!(
            module.imports().count(),
            0,
            "the core module imports nothing"
        );
        let mut store = Store::new(module.engine(), ());
        let instance = Instance::new(&mut store, module, &[]).expect("instantiates");
        let version: TypedFunc<(), u32> = instance
            .get_typed_func(&mut store, "dsplan_abi_version")
            .expect("version export");
        assert_eq!(version.call(&mut store, ()).expect("version"), 1);
        Self {
            memory: instance
                .get_memory(&mut store, "memory")
                .expect("memory export"),
            alloc: instance
                .get_typed_func(&mut store, "dsplan_alloc")
                .expect("alloc"),
            free: instance
                .get_typed_func(&mut store, "dsplan_free")
                .expect("free"),
            call: instance
                .get_typed_func(&mut store, "dsplan_call")
                .expect("call"),
            store,
        }
    }

    fn write(&mut self, bytes: &[u8]) -> (u32, u32) {
        let len = u32::try_from(bytes.len()).expect("fits wasm32");
        let ptr = self.alloc.call(&mut self.store, len).expect("alloc");
        self.memory
            .write(&mut self.store, ptr as usize, bytes)
            .expect("in bounds");
        (ptr, len)
    }

    fn call(&mut self, function: &str, request: &Value) -> Value {
        let (fn_ptr, fn_len) = self.write(function.as_bytes());
        let (req_ptr, req_len) = self.write(request.to_string().as_bytes());
        let packed = self
            .call
            .call(&mut self.store, (fn_ptr, fn_len, req_ptr, req_len))
            .expect("dsplan_call");
        let (ptr, len) = ((packed >> 32) as u32, packed as u32);
        let mut response = vec![0; len as usize];
        self.memory
            .read(&self.store, ptr as usize, &mut response)
            .expect("in bounds");
        for (p, l) in [(fn_ptr, fn_len), (req_ptr, req_len), (ptr, len)] {
            self.free.call(&mut self.store, (p, l)).expect("free");
        }
        serde_json::from_slice(&response).expect("response is JSON")
    }
}

#[test]
fn plan_through_the_abi_is_the_native_report_json() {
    let text = generated_snapshot(20, 3);
    let mut abi = Abi::load();
    let response = abi.call(
        "plan",
        &json!({"documents": [{"name": "s.json", "text": text, "role": "snapshot"}],
                "options": {"featureGates": {"InPlacePodLevelResourcesVerticalScaling": false,
                                          "PodLevelResources": false}}}),
    );
    let inputs = [Input {
        name: "s.json",
        text: &text,
        role: Role::Snapshot,
    }];
    let options = Options {
        feature_gates: vec![
            ("InPlacePodLevelResourcesVerticalScaling".to_owned(), false),
            ("PodLevelResources".to_owned(), false),
        ],
    };
    let native = dsplan_engine::plan(&inputs, &options).expect("native plans");
    assert_eq!(response, json!({ "ok": native }));
}

#[test]
fn input_errors_through_the_abi_carry_every_field() {
    let text = "kind: Node\nmetadata: [\n";
    let mut abi = Abi::load();
    let response = abi.call(
        "plan",
        &json!({"documents": [{"name": "n.yaml", "text": text, "role": "snapshot"}]}),
    );
    let inputs = [Input {
        name: "n.yaml",
        text,
        role: Role::Snapshot,
    }];
    let Err(dsplan_engine::Error::Input(e)) = dsplan_engine::plan(&inputs, &Options::default())
    else {
        panic!("native engine accepted bad YAML");
    };
    assert_eq!(
        response,
        json!({"error": {"code": "invalid-input", "file": e.file, "document": e.document,
            "object": e.object, "path": e.path, "line": e.line, "column": e.column,
            "message": e.message}})
    );
}

#[test]
fn many_calls_on_one_instance_do_not_leak() {
    let mut abi = Abi::load();
    let request = json!({"documents": [{"name": "s.json", "text": generated_snapshot(5, 2), "role": "snapshot"}]});
    let first = abi.call("plan", &request);
    let pages = abi.memory.size(&abi.store);
    for _ in 0..50 {
        assert_eq!(abi.call("plan", &request), first);
    }
    assert_eq!(
        abi.memory.size(&abi.store),
        pages,
        "memory grew over repeated calls"
    );
}
