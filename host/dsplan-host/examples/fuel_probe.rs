#[path = "../tests/all/generate.rs"]
mod generate;
use wasmtime::*;
fn main() {
    let nodes: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let text = generate::generated_snapshot(nodes, 30);
    eprintln!("text bytes {}", text.len());
    let bytes = std::fs::read("/work/main/dist/dsplan.core.wasm").unwrap();
    let mut cfg = Config::new();
    cfg.consume_fuel(true);
    let engine = Engine::new(&cfg).unwrap();
    let module = Module::new(&engine, bytes).unwrap();
    let mut store = Store::new(&engine, ());
    store.set_fuel(u64::MAX).unwrap();
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let memory = instance.get_memory(&mut store, "memory").unwrap();
    let alloc: TypedFunc<u32, u32> = instance.get_typed_func(&mut store, "dsplan_alloc").unwrap();
    let call: TypedFunc<(u32, u32, u32, u32), u64> =
        instance.get_typed_func(&mut store, "dsplan_call").unwrap();
    let req =
        serde_json::json!({"documents": [{"name": "s.json", "text": text, "role": "snapshot"}]})
            .to_string();
    let f = alloc.call(&mut store, 4).unwrap();
    memory.write(&mut store, f as usize, b"plan").unwrap();
    let r = alloc.call(&mut store, req.len() as u32).unwrap();
    memory
        .write(&mut store, r as usize, req.as_bytes())
        .unwrap();
    let before = store.get_fuel().unwrap();
    let t = std::time::Instant::now();
    let packed = call.call(&mut store, (f, 4, r, req.len() as u32)).unwrap();
    let used = before - store.get_fuel().unwrap();
    let mut head = vec![0; 60.min((packed as u32) as usize)];
    memory
        .read(&store, (packed >> 32) as usize, &mut head)
        .unwrap();
    println!(
        "nodes {nodes} fuel {used} memory {} MiB time {:?} head {}",
        memory.data_size(&store) >> 20,
        t.elapsed(),
        String::from_utf8_lossy(&head)
    );
}
