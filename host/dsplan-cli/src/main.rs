//! The `dsplan` command: reads files, calls the planner, prints reports, maps errors to exit
//! codes (0 success, 1 a check or validation failed, 2 bad input or usage, 3 internal error).

mod cli;
mod engine;
mod inputs;
mod render;

use anyhow::Result;
use clap::Parser;
use cli::{
    CheckArgs, Cli, Command, DiffArgs, Format, PlanArgs, RolloutArgs, TimingArgs, ValidateArgs,
    VersionArgs,
};
use engine::Engine;
use inputs::InputFiles;
use render::style::Style;
use std::io::Write;
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: reading a large cluster's snapshot is about a million
/// small allocations, many short-lived (each pod is read whole before it is reduced), all freed
/// at exit. On the 5,000-node, 150,000-pod snapshot, `dsplan plan` took about 3.0 s of user
/// time with glibc and 2.2 s with mimalloc, same peak memory (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A failure with the exit code it maps to.
#[derive(Debug)]
struct Failure {
    code: u8,
    error: anyhow::Error,
}

impl Failure {
    fn input(error: impl Into<anyhow::Error>) -> Self {
        Self {
            code: 2,
            error: error.into(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("error: {:#}", failure.error);
            ExitCode::from(failure.code)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Plan(args) => plan(&args),
        Command::Rollout(args) => rollout(&args),
        Command::Check(args) => check(&args),
        Command::Diff(args) => diff(&args),
        Command::Validate(args) => validate(&args),
        Command::Version(args) => version(&args),
    }
}

fn engine_options(feature_gates: &str) -> Result<dsplan_engine::Options, Failure> {
    let gates = dsplan_model::FeatureGates::default()
        .parse(feature_gates)
        .map_err(|e| Failure::input(anyhow::anyhow!("--feature-gates: {e}")))?;
    Ok(dsplan_engine::Options {
        feature_gates: gates
            .entries()
            .into_iter()
            .map(|(name, on)| (name.to_owned(), on))
            .collect(),
    })
}

fn plan(args: &PlanArgs) -> Result<ExitCode, Failure> {
    let files =
        InputFiles::read(&args.input.snapshot, &args.input.daemonset).map_err(Failure::input)?;
    let options = engine_options(&args.input.feature_gates)?;
    let report = Engine::load(args.engine.engine)?
        .plan(&files.inputs().map_err(Failure::input)?, &options)?;
    let text = match args.output {
        Format::Json => json(&report)?,
        Format::Table => render::plan_table::render(&report, Style::detect()),
    };
    print(&text)
}

fn rollout_options(timing: &TimingArgs) -> dsplan_rollout::RolloutOptions {
    dsplan_rollout::RolloutOptions {
        pod_start_seconds: timing.pod_start_seconds,
        readiness_seconds: timing.readiness_seconds,
        termination_seconds: timing.termination_seconds,
    }
}

/// `[a, b, c, d]` → `[(a, b), (c, d)]` for two-value flags such as `--label NODE k=v`.
fn pairs(values: &[String]) -> Vec<(String, String)> {
    values
        .chunks_exact(2)
        .map(|pair| (pair[0].clone(), pair[1].clone()))
        .collect()
}

fn rollout(args: &RolloutArgs) -> Result<ExitCode, Failure> {
    let files =
        InputFiles::read(&args.input.snapshot, &args.input.daemonset).map_err(Failure::input)?;
    let added = InputFiles::read(&args.add_node, &[]).map_err(Failure::input)?;
    let options = engine_options(&args.input.feature_gates)?;
    let (labels, taints) = (pairs(&args.label), pairs(&args.taint));
    let added_inputs = added.inputs().map_err(Failure::input)?;
    let what_if = dsplan_engine::WhatIfEdits {
        add_nodes: &added_inputs,
        remove_nodes: &args.remove_node,
        labels: &labels,
        taints: &taints,
    };
    let report = Engine::load(args.engine.engine)?.rollout(
        &files.inputs().map_err(Failure::input)?,
        &options,
        &rollout_options(&args.timing),
        &what_if,
    )?;
    let text = match args.output {
        Format::Json => json(&report)?,
        Format::Table => render::rollout_table::render(&report, Style::detect()),
    };
    print(&text)
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let files =
        InputFiles::read(&args.input.snapshot, &args.input.daemonset).map_err(Failure::input)?;
    let policy = match &args.policy {
        Some(path) => {
            Some(InputFiles::read(&[], std::slice::from_ref(path)).map_err(Failure::input)?)
        }
        None => None,
    };
    let policy_inputs = policy
        .as_ref()
        .map(InputFiles::inputs)
        .transpose()
        .map_err(Failure::input)?;
    let policy_text = policy_inputs
        .as_ref()
        .and_then(|inputs| inputs.first())
        .map(|input| (input.name, input.text));
    let options = engine_options(&args.input.feature_gates)?;
    let report = Engine::load(args.engine.engine)?.check(
        &files.inputs().map_err(Failure::input)?,
        policy_text,
        &options,
        &rollout_options(&args.timing),
    )?;
    print(&dsplan_policy::render(&report, args.output))?;
    Ok(match report.exit_code(args.fail_on_warn) {
        0 => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    })
}

fn diff(args: &DiffArgs) -> Result<ExitCode, Failure> {
    let old = InputFiles::read(std::slice::from_ref(&args.old), &[]).map_err(Failure::input)?;
    let new = InputFiles::read(std::slice::from_ref(&args.new), &[]).map_err(Failure::input)?;
    let options = engine_options(&args.feature_gates)?;
    let report = dsplan_engine::diff(
        &old.inputs().map_err(Failure::input)?,
        &new.inputs().map_err(Failure::input)?,
        &options,
    )
    .map_err(Failure::input)?;
    let text = match args.output {
        Format::Json => json(&report)?,
        Format::Table => render::diff_table::render(&report),
    };
    print(&text)
}

fn validate(args: &ValidateArgs) -> Result<ExitCode, Failure> {
    let report = match (&args.old, &args.new) {
        (Some(old), Some(new)) => {
            let old = InputFiles::read(&[], std::slice::from_ref(old)).map_err(Failure::input)?;
            let new = InputFiles::read(&[], std::slice::from_ref(new)).map_err(Failure::input)?;
            Engine::load(args.engine.engine)?.validate_update(
                &old.inputs().map_err(Failure::input)?,
                &new.inputs().map_err(Failure::input)?,
            )
        }
        _ => {
            let files = InputFiles::read(&[], &args.files).map_err(Failure::input)?;
            Engine::load(args.engine.engine)?.validate(&files.inputs().map_err(Failure::input)?)
        }
    }?;
    let text = match args.output {
        Format::Json => json(&report)?,
        Format::Table => render::validate_text(&report),
    };
    print(&text)?;
    Ok(if report.valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn version(args: &VersionArgs) -> Result<ExitCode, Failure> {
    let info = Engine::load(args.engine.engine)?.version()?;
    let text = match args.output {
        Format::Json => json(&info)?,
        Format::Table => format!(
            "dsplan {}\nKubernetes {} (DaemonSet controller and kube-scheduler semantics)\nfeature gates: {}\n",
            info.dsplan,
            info.kubernetes,
            info.feature_gates.join(",")
        ),
    };
    print(&text)
}

fn json(value: &impl serde::Serialize) -> Result<String, Failure> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Failure {
        code: 3,
        error: e.into(),
    })?;
    text.push('\n');
    Ok(text)
}

/// Prints to standard output; a closed pipe (`dsplan ... | head`) is not an error.
fn print(text: &str) -> Result<ExitCode, Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure {
            code: 3,
            error: e.into(),
        }),
        _ => Ok(ExitCode::SUCCESS),
    }
}
