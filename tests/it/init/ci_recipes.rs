//! The CI recipes `gazette init` writes are real: both parse as YAML, every
//! gazette command they run parses against the real command line
//! (`Cli::try_parse_from`) and succeeds when run in the new site, they
//! check, build and publish what was built, and they keep the `.gazette/`
//! cache between runs.

use clap::Parser;
use gazette::cli::{Cli, Command};
use serde_yaml::Value;

use super::{empty_dir, ok_in};

/// Values a CI service puts in place of the expressions the recipes use.
const EXPANSIONS: &[(&str, &str)] = &[
    (
        "${{ steps.pages.outputs.base_url }}",
        "https://town.github.io/bulletins",
    ),
    ("$CI_PAGES_URL", "https://town.gitlab.io/bulletins"),
];

/// The shell commands of one script line, split at `&&`, `||`, `;` and
/// `|`, after the CI expressions are expanded.
fn commands(line: &str) -> Vec<Vec<String>> {
    let mut line = line.to_string();
    for (from, to) in EXPANSIONS {
        line = line.replace(from, to);
    }
    let words = shlex::split(&line).unwrap_or_else(|| panic!("not shell words: {line}"));
    words
        .split(|w| matches!(w.as_str(), "&&" | "||" | ";" | "|"))
        .map(<[String]>::to_vec)
        .filter(|c| !c.is_empty())
        .collect()
}

/// Every gazette command of the script lines, parsed by gazette's own
/// command line; any other command is returned as words.
fn parse_all(lines: &[String]) -> (Vec<Command>, Vec<Vec<String>>) {
    let (gazette, other) = split_commands(lines);
    let parsed = gazette
        .iter()
        .map(|cmd| {
            Cli::try_parse_from(cmd)
                .unwrap_or_else(|e| panic!("`{}` is not a gazette command:\n{e}", cmd.join(" ")))
                .command
        })
        .collect();
    (parsed, other)
}

/// The script lines' commands: gazette's (as words), then the others.
fn split_commands(lines: &[String]) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    lines
        .iter()
        .flat_map(|l| l.lines())
        .flat_map(commands)
        .partition(|cmd| cmd[0] == "gazette")
}

/// Run the recipe's gazette commands in order in the new site, as the CI
/// service would, and look at the home page of the published folder.
fn run_like_ci(dir: &tempfile::TempDir, lines: &[String], published: &str) {
    let (gazette, _) = split_commands(lines);
    for cmd in &gazette {
        let args: Vec<&str> = cmd[1..].iter().map(String::as_str).collect();
        ok_in(dir.path(), &args);
    }
    let home = dir.path().join(published).join("index.html");
    let html = std::fs::read_to_string(&home)
        .unwrap_or_else(|e| panic!("{}: {e}", home.display()))
        .replace("&#x2F;", "/");
    assert!(
        html.contains("https://town.github.io/bulletins/")
            || html.contains("https://town.gitlab.io/bulletins/"),
        "built for the Pages address: {html}"
    );
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Sequence(items) => items.iter().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// The recipes' common promises: check, then build with a base URL that
/// gazette accepts into `output`, from a gazette installed with cargo.
fn assert_checks_and_builds(
    gazette: &[Command],
    other: &[Vec<String>],
    output: &str,
    recipe: &str,
) {
    assert!(
        gazette.iter().any(|c| matches!(c, Command::Check(_))),
        "{recipe} runs gazette check"
    );
    let builds: Vec<_> = gazette
        .iter()
        .filter_map(|c| match c {
            Command::Build(b) => Some(b),
            _ => None,
        })
        .collect();
    assert_eq!(builds.len(), 1, "{recipe} builds once");
    let build = builds[0];
    let url = build.base_url.as_deref().expect("the Pages URL is passed");
    gazette::config::normalize_base_url(url).expect("a base URL gazette accepts");
    assert_eq!(
        build
            .output
            .as_deref()
            .map_or("output".into(), |p| p.display().to_string()),
        output,
        "{recipe} publishes the folder it built"
    );
    let install = other
        .iter()
        .find(|c| c[..2] == ["cargo", "install"])
        .unwrap_or_else(|| panic!("{recipe} installs gazette: {other:?}"));
    assert_eq!(install.last().map(String::as_str), Some("gazette"));
    assert!(install.contains(&"--git".to_string()), "{install:?}");
}

fn new_site() -> tempfile::TempDir {
    let dir = empty_dir();
    ok_in(dir.path(), &["init"]);
    dir
}

fn read_yaml(dir: &tempfile::TempDir, rel: &str) -> Value {
    let text = std::fs::read_to_string(dir.path().join(rel)).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not YAML: {e}"))
}

#[test]
fn github_workflow_checks_builds_caches_and_publishes() {
    let dir = new_site();
    let wf = read_yaml(&dir, ".github/workflows/publish.yml");
    assert!(wf["env"]["GAZETTE_GIT"].as_str().is_some());
    let steps = wf["jobs"]["build"]["steps"]
        .as_sequence()
        .expect("build steps");
    let runs: Vec<String> = steps.iter().flat_map(|s| strings(&s["run"])).collect();
    let (gazette, other) = parse_all(&runs);
    let uses = |action: &str| {
        steps
            .iter()
            .filter(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(action)))
            .collect::<Vec<_>>()
    };
    let upload = uses("actions/upload-pages-artifact");
    assert_eq!(upload.len(), 1);
    let published = upload[0]["with"]["path"].as_str().unwrap();
    assert_checks_and_builds(&gazette, &other, published, "the GitHub workflow");
    run_like_ci(&dir, &runs, published);
    assert!(
        uses("actions/cache")
            .iter()
            .any(|s| s["with"]["path"].as_str() == Some(".gazette")),
        "the .gazette cache is kept between runs"
    );
    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("build"));
    let deploy_steps = deploy["steps"].as_sequence().unwrap();
    assert!(deploy_steps.iter().any(|s| s["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("actions/deploy-pages"))));
}

#[test]
fn gitlab_pipeline_checks_builds_caches_and_publishes() {
    let dir = new_site();
    let ci = read_yaml(&dir, ".gitlab-ci.yml");
    assert!(ci["variables"]["GAZETTE_GIT"].as_str().is_some());
    let jobs = ci.as_mapping().unwrap();
    let mut lines = strings(&ci["default"]["before_script"]);
    for (_, job) in jobs.iter() {
        lines.extend(strings(&job["script"]));
    }
    let (gazette, other) = parse_all(&lines);
    let pages = &ci["pages"];
    let published = strings(&pages["artifacts"]["paths"]);
    assert_eq!(published, ["public"], "GitLab Pages publishes public/");
    assert_checks_and_builds(&gazette, &other, "public", "the GitLab pipeline");
    run_like_ci(&dir, &lines, "public");
    let cached: Vec<String> = ci["default"]["cache"]
        .as_sequence()
        .unwrap()
        .iter()
        .flat_map(|c| strings(&c["paths"]))
        .collect();
    assert!(cached.contains(&".gazette/".to_string()), "{cached:?}");
}

#[test]
fn a_wrong_flag_in_a_recipe_would_fail_this_test() {
    // The check above is only worth something if it can fail.
    let result = std::panic::catch_unwind(|| parse_all(&["gazette build --outptu public".into()]));
    assert!(result.is_err());
    let (ok, _) = parse_all(&["test -x g || gazette check && echo done".into()]);
    assert_eq!(ok.len(), 1);
}
