//! The dsplan planner as a core WebAssembly module for runtimes without the component model
//! (wazero, Chicory, browsers without jco): JSON in and out through linear memory.
//!
//! The contract (exports, calling order, memory ownership, versions) is `wasm/ABI.md`. This
//! file owns the raw exports; [`call`] owns the JSON requests and responses.
// The exports are `#[no_mangle]` and take raw pointers from the host: that is the ABI.
#![allow(
    unsafe_code,
    reason = "the exported C ABI works on raw linear-memory pointers"
)]

mod call;

/// talc instead of Rust's default wasm allocator (dlmalloc): reading a snapshot is about a
/// million small allocations; measured side by side in BENCHMARKS.md.
#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// ABI major version: bumped when an existing export or JSON shape changes incompatibly.
pub const ABI_VERSION: u32 = 1;
/// ABI minor version: bumped when functions or optional fields are added.
pub const ABI_MINOR_VERSION: u32 = 1;

/// The ABI major version ([`ABI_VERSION`]). A host refuses a major it does not know.
#[no_mangle]
pub extern "C" fn dsplan_abi_version() -> u32 {
    ABI_VERSION
}

/// The ABI minor version ([`ABI_MINOR_VERSION`]).
#[no_mangle]
pub extern "C" fn dsplan_abi_minor_version() -> u32 {
    ABI_MINOR_VERSION
}

/// Allocates `len` zeroed bytes in linear memory for the host to write into; the host frees
/// them with [`dsplan_free`] and the same `len`. Allocation failure traps.
#[no_mangle]
pub extern "C" fn dsplan_alloc(len: usize) -> *mut u8 {
    Box::into_raw(vec![0u8; len].into_boxed_slice()).cast()
}

/// Frees a buffer returned by [`dsplan_alloc`] or [`dsplan_call`].
///
/// # Safety
///
/// `ptr` and `len` must be exactly a pair returned by [`dsplan_alloc`] or unpacked from
/// [`dsplan_call`], not freed before.
#[no_mangle]
pub unsafe extern "C" fn dsplan_free(ptr: *mut u8, len: usize) {
    // SAFETY: every buffer handed out is a `Box<[u8]>` of exactly `len` bytes (the caller's
    // contract above), so rebuilding and dropping that box frees it with its own layout.
    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
}

/// Calls the function named by the UTF-8 bytes at `fn_ptr` with the JSON request at
/// `req_ptr`. Returns the response buffer packed as `ptr << 32 | len`; the host reads it and
/// frees it with [`dsplan_free`]. The inputs stay owned by the host.
///
/// # Safety
///
/// `fn_ptr..fn_ptr+fn_len` and `req_ptr..req_ptr+req_len` must be readable linear memory
/// (buffers from [`dsplan_alloc`] are).
#[no_mangle]
pub unsafe extern "C" fn dsplan_call(
    fn_ptr: *const u8,
    fn_len: usize,
    req_ptr: *const u8,
    req_len: usize,
) -> u64 {
    // SAFETY: the caller guarantees both ranges are readable (contract above); empty ranges
    // may carry any pointer, so they are not dereferenced.
    let (function, request) = unsafe { (bytes(fn_ptr, fn_len), bytes(req_ptr, req_len)) };
    let response = call::call(function, request).into_boxed_slice();
    let len = response.len();
    let ptr = Box::into_raw(response).cast::<u8>();
    // On wasm32 pointers and lengths are 32 bits, so both fit their half of the u64.
    ((ptr as usize as u64) << 32) | len as u64
}

/// The bytes at `ptr..ptr+len`, or none when `len` is 0.
///
/// # Safety
///
/// When `len > 0`, `ptr..ptr+len` must be readable for the duration of the call.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        return &[];
    }
    // SAFETY: guaranteed by this function's contract.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}
