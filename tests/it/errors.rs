//! Malformed input: every class of broken bulletin gives exit code 1 and an
//! error naming the file, line and column (SPEC §2, §5, §5.1.1). Each class
//! has a fixture under `tests/fixtures/invalid-*`, except the ones too big
//! to keep in the repository, which are generated here.

use crate::support::{run_bounded, TestSite};

/// Build a fixture and expect exactly one error, at `location`, with `parts`.
fn fails_with(fixture: &str, location: &str, parts: &[&str]) {
    let site = TestSite::fixture(fixture);
    let run = site.build();
    run.exit(1).error_at(location, parts);
    assert_eq!(run.errors().len(), 1, "{}", run.stderr);
    assert!(
        !site.output_dir().exists(),
        "a failed build writes no output"
    );
}

#[test]
fn errors_on_unknown_field_with_suggestion() {
    fails_with(
        "invalid-unknown-field",
        "bulletins/2021/fair.md:4:1",
        &["unknown field \"titel\"", "did you mean \"title\"?"],
    );
}

#[test]
fn errors_show_the_offending_source_line() {
    let site = TestSite::fixture("invalid-unknown-field");
    let run = site.build();
    let after = run
        .stderr
        .split("error: bulletins/2021/fair.md:4:1:")
        .nth(1)
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        after.contains("4 │ titel: Testville Summer Fair"),
        "{}",
        run.stderr
    );
}

#[test]
fn errors_on_unknown_field_inside_an_indicator_item() {
    let site = TestSite::base();
    site.write(
        "bulletins/2021/item.md",
        "---\ntitle: Testville\ndate: 2021-06-01\nindicators:\n  - id: park-benches\n    vaule: 3\n---\n",
    );
    site.build()
        .exit(1)
        .error_at(
            "bulletins/2021/item.md:6:5",
            &["unknown field \"vaule\"", "did you mean \"value\"?"],
        )
        .error_at(
            "bulletins/2021/item.md:5",
            &["missing required field \"value\""],
        );
}

#[test]
fn errors_on_unknown_field_in_the_indicator_catalogue() {
    let site = TestSite::fixture("minimal");
    site.write(
        "indicators.yaml",
        format!(
            "{}\nbus-lines:\n  name: Bus lines\n  unit: lines\n  categroy: transport\n",
            site.read("indicators.yaml")
        ),
    );
    let line = site.read("indicators.yaml").lines().count();
    site.build().exit(1).error_at(
        &format!("indicators.yaml:{line}:3"),
        &["unknown field \"categroy\"", "did you mean \"category\"?"],
    );
}

#[test]
fn ignores_hidden_and_editor_files_without_a_word() {
    let site = TestSite::fixture("minimal");
    let junk = "not front matter at all";
    for name in [
        ".hidden.md",
        "_partial.md",
        "notes.md~",
        ".notes.md.swp",
        "#notes.md#",
    ] {
        site.write(&format!("bulletins/2021/{name}"), junk);
    }
    site.write("bulletins/_drafts/idea.md", junk);
    let run = site.build();
    run.success();
    assert!(run.warnings().is_empty(), "{}", run.stderr);
    assert!(!site.has_output("2021/partial/index.html"));
    assert!(!site.has_output("2021/idea/index.html"));
}

#[test]
fn errors_on_unknown_indicator_with_suggestion() {
    fails_with(
        "invalid-unknown-indicator",
        "bulletins/2021/revenue.md:5:9",
        &[
            "unknown indicator \"fiscal-revenu\"",
            "did you mean \"fiscal-revenue\"?",
        ],
    );
}

#[test]
fn errors_on_unit_that_differs_from_catalogue() {
    fails_with(
        "invalid-unit",
        "bulletins/2021/benches.md:7:11",
        &["unit \"chairs\"", "\"benches\""],
    );
}

#[test]
fn errors_on_values_that_are_not_finite_numbers() {
    let site = TestSite::fixture("invalid-value");
    let run = site.build();
    run.exit(1)
        .error_at(
            "bulletins/2021/not-a-number.md:6:12",
            &["must be a number", "twelve"],
        )
        .error_at(
            "bulletins/2021/not-finite.md:6:12",
            &["finite number", "1e400"],
        )
        .error_at("bulletins/2021/not-finite.md:8:12", &["number", ".nan"])
        .error_at(
            "bulletins/2021/too-large.md:6:12",
            &["1.5e303", "too large"],
        );
    assert_eq!(run.errors().len(), 4, "{}", run.stderr);
}

#[test]
fn errors_on_bad_period() {
    fails_with(
        "invalid-period",
        "bulletins/2021/leaks.md:7:13",
        &["invalid period \"2021-13\""],
    );
}

#[test]
fn errors_on_same_indicator_and_period_twice_in_one_bulletin() {
    // `2021` and `2021-01/2021-12` are the same full year (SPEC §3.1); the
    // error is on the first line of the second item.
    fails_with(
        "invalid-duplicate-observation",
        "bulletins/2021/revenue.md:10",
        &["\"fiscal-revenue\"", "reported twice", "first on line 5"],
    );
}

#[test]
fn errors_on_two_bulletins_with_same_year_and_slug() {
    fails_with(
        "invalid-duplicate-slug",
        "bulletins/2021/more/market-again.md:4:7",
        &["/2021/market/", "bulletins/2021/market.md"],
    );
}

#[test]
fn errors_on_impossible_date() {
    fails_with(
        "invalid-date",
        "bulletins/2021/leap.md:3:7",
        &["\"date\" must be a date written YYYY-MM-DD", "2021-02-29"],
    );
}

#[test]
fn errors_on_missing_title_and_date() {
    let site = TestSite::fixture("invalid-missing-fields");
    let run = site.build();
    run.exit(1)
        .error_at(
            "bulletins/2021/untitled.md:2:1",
            &["missing required field \"title\""],
        )
        .error_at(
            "bulletins/2021/undated.md:2:1",
            &["missing required field \"date\""],
        );
    assert_eq!(run.errors().len(), 2, "{}", run.stderr);
}

#[test]
fn errors_on_unclosed_front_matter() {
    fails_with(
        "invalid-unclosed",
        "bulletins/2021/open.md:1:1",
        &["never closed"],
    );
}

#[test]
fn errors_on_missing_front_matter() {
    fails_with(
        "invalid-no-front-matter",
        "bulletins/2021/plain.md:1:1",
        &["missing front matter"],
    );
}

#[test]
fn errors_on_empty_file() {
    fails_with(
        "invalid-empty",
        "bulletins/2021/empty.md:1:1",
        &["the file is empty"],
    );
}

#[test]
fn errors_on_yaml_syntax_at_the_line_the_parser_reports() {
    // The flow list opened on line 4 is never closed; the parser notices on
    // line 5, where `kind:` cannot continue it.
    fails_with(
        "invalid-yaml-syntax",
        "bulletins/2021/tags.md:5:5",
        &["invalid YAML"],
    );
}

#[test]
fn errors_on_invalid_utf8_with_file_and_line() {
    let site = TestSite::fixture("invalid-utf8");
    let run = site.build();
    run.exit(1)
        .error_at("bulletins/2021/front.md:2:21", &["not valid UTF-8"])
        .error_at("bulletins/2021/body.md:7:29", &["not valid UTF-8"]);
    assert_eq!(run.errors().len(), 2, "{}", run.stderr);
}

#[test]
fn errors_on_unknown_kind_with_suggestion() {
    fails_with(
        "invalid-kind",
        "bulletins/2021/notice.md:4:7",
        &["unknown kind \"notise\"", "did you mean \"notice\"?"],
    );
}

#[test]
fn errors_on_slug_with_path_characters() {
    fails_with(
        "invalid-slug",
        "bulletins/2021/escape.md:4:7",
        &["slug \"../x\""],
    );
}

#[test]
fn errors_on_tag_without_letters() {
    fails_with(
        "invalid-tag",
        "bulletins/2021/tagged.md:4:15",
        &["tag \"?!/\"", "no letters or digits"],
    );
}

#[test]
fn errors_on_target_with_unknown_comparison() {
    fails_with(
        "invalid-target-op",
        "bulletins/2022/plan.md:7:9",
        &["unknown comparison \"=>\""],
    );
}

#[test]
fn errors_on_billion_laughs_without_running_out_of_memory() {
    // Nine levels of nine aliases expand to 9^9 strings. The build runs
    // under a 2 GiB address-space limit: an expansion would be killed (no
    // exit code) instead of exhausting the machine. Threads and malloc
    // arenas are capped so the limit does not depend on the core count.
    let site = TestSite::fixture("invalid-billion-laughs");
    let mut cmd = std::process::Command::new("sh");
    cmd.env("RAYON_NUM_THREADS", "2")
        .env("MALLOC_ARENA_MAX", "2")
        .arg("-c")
        .arg("ulimit -v 2097152 && exec \"$0\" build --root \"$1\"")
        .arg(env!("CARGO_BIN_EXE_gazette"))
        .arg(site.root());
    let run = site.run_command(cmd);
    run.exit(1)
        .error_at("bulletins/2021/laughs.md:5", &["alias"]);
}

fn front_matter_with_extra(extra: &str) -> String {
    format!(
        "---\ntitle: Testville generated\ndate: 2021-06-01\nextra:\n{extra}\n---\n\nGenerated.\n"
    )
}

#[test]
fn errors_on_front_matter_over_one_mebibyte() {
    let site = TestSite::base();
    let pad = "x".repeat(1 << 20);
    site.write(
        "bulletins/2021/huge.md",
        front_matter_with_extra(&format!("  pad: \"{pad}\"")),
    );
    site.build()
        .exit(1)
        .error_at("bulletins/2021/huge.md:2:1", &["1 MiB"]);
}

#[test]
fn errors_on_nesting_deeper_than_64_levels() {
    let site = TestSite::base();
    let deep = format!("  deep: {}{}", "[".repeat(70), "]".repeat(70));
    site.write("bulletins/2021/deep.md", front_matter_with_extra(&deep));
    site.build()
        .exit(1)
        .error_at("bulletins/2021/deep.md:5", &["nested more than 64 levels"]);
}

#[test]
fn accepts_nesting_within_the_limit() {
    let site = TestSite::base();
    let deep = format!("  deep: {}{}", "[".repeat(60), "]".repeat(60));
    site.write("bulletins/2021/deep.md", front_matter_with_extra(&deep));
    site.build().success();
}

#[test]
fn accepts_bom_and_crlf() {
    let site = TestSite::fixture("bom-crlf");
    site.build().success();
    let html = site.page("/2021/windows/");
    assert!(html.contains("<h1>Testville from Windows</h1>"), "{html}");
    assert!(html.contains("<h2 id=\"roads\">Roads</h2>"), "{html}");
    assert!(
        html.contains("Written in Notepad,\nsaved with a BOM."),
        "{html}"
    );
    assert!(!html.contains('\r') && !html.contains('\u{feff}'), "{html}");
}

#[test]
fn reports_all_errors_not_only_the_first() {
    let site = TestSite::fixture("invalid-many");
    let run = site.build();
    run.exit(1)
        .error_at("bulletins/2021/one.md:4:1", &["unknown field \"colour\""])
        .error_at(
            "bulletins/2021/two.md:5:9",
            &["unknown indicator \"park-bench\""],
        )
        .error_at("bulletins/2022/three.md:3:7", &["2022-13-01"]);
    assert_eq!(run.errors().len(), 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("build failed with 3 error(s)"),
        "{}",
        run.stderr
    );
}

#[test]
fn reports_every_problem_of_one_file() {
    // A bad date must not hide the problems further down the same file.
    let site = TestSite::base();
    site.write(
        "bulletins/2021/two-problems.md",
        "---\ntitle: Testville\ndate: 2021-02-30\nindicators:\n  - id: park-bench\n    value: 1\n---\n",
    );
    let run = site.build();
    run.exit(1)
        .error_at("bulletins/2021/two-problems.md:3:7", &["2021-02-30"])
        .error_at(
            "bulletins/2021/two-problems.md:5:9",
            &["unknown indicator \"park-bench\""],
        );
}

#[test]
fn errors_are_listed_in_the_same_order_every_time() {
    let site = TestSite::fixture("invalid-many");
    let first = site.build().stderr.clone();
    let second = site.build().stderr.clone();
    assert_eq!(first, second);
}

#[test]
fn errors_on_unknown_site_setting_as_configuration_error() {
    let site = TestSite::fixture("minimal");
    let config = site.read("site.yaml");
    site.write("site.yaml", format!("{config}languge: en\n"));
    site.build().exit(2).error_at(
        "site.yaml:10:1",
        &["unknown field \"languge\"", "\"language\""],
    );
}

#[test]
fn strict_turns_a_revision_warning_into_an_error() {
    let site = TestSite::fixture("revision");
    let run = site.build();
    run.success()
        .warning_at("bulletins/2021/second.md:5", &["revised from 40", "42"]);
    site.build_with(&["--strict"])
        .exit(1)
        .error_at("bulletins/2021/second.md:5", &["revised from 40", "42"]);
}

#[test]
fn strict_turns_an_ignored_file_warning_into_an_error() {
    let site = TestSite::fixture("stray-file");
    site.build()
        .success()
        .warning_at("bulletins/2021/minutes.txt", &["not a bulletin"]);
    site.build_with(&["--strict"])
        .exit(1)
        .error_at("bulletins/2021/minutes.txt", &["not a bulletin"]);
}

#[test]
fn skips_a_fifo_with_a_warning() {
    let site = TestSite::fixture("minimal");
    let fifo = site.path("bulletins/2021/pipe.md");
    let (code, _, err) = run_bounded(std::process::Command::new("mkfifo").arg(&fifo));
    assert_eq!(code, 0, "mkfifo: {err}");
    // Reading the FIFO would block forever; the run limit would catch it.
    site.build()
        .success()
        .warning_at("bulletins/2021/pipe.md", &["not a regular file"]);
    assert!(site.has_output("2021/annual-report/index.html"));
}

#[test]
fn skips_a_socket_with_a_warning() {
    let site = TestSite::fixture("minimal");
    let _socket =
        std::os::unix::net::UnixListener::bind(site.path("bulletins/2021/socket.md")).unwrap();
    site.build()
        .success()
        .warning_at("bulletins/2021/socket.md", &["not a regular file"]);
}

#[test]
fn errors_on_symlink_to_a_device() {
    let site = TestSite::fixture("minimal");
    std::os::unix::fs::symlink("/dev/zero", site.path("bulletins/2021/zero.md")).unwrap();
    // /dev/zero never ends; following it would hang or exhaust memory.
    site.build()
        .exit(1)
        .error_at("bulletins/2021/zero.md", &["outside the site"]);
}

#[test]
fn errors_on_symlink_pointing_outside_the_site() {
    let site = TestSite::fixture("minimal");
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = elsewhere.path().join("secret.md");
    std::fs::write(
        &secret,
        "---\ntitle: Outside Testville\ndate: 2021-06-01\n---\n\nNot content.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&secret, site.path("bulletins/2021/outside.md")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path("bulletins/2021/outside-dir")).unwrap();
    let run = site.build();
    run.exit(1)
        .error_at("bulletins/2021/outside.md", &["outside the site"])
        .error_at("bulletins/2021/outside-dir", &["outside the site"]);
    assert!(!site.output_dir().exists());
}

#[test]
fn follows_symlink_inside_the_site() {
    let site = TestSite::fixture("minimal");
    site.write(
        "shared/fair.md",
        "---\ntitle: Testville fair\ndate: 2021-07-01\n---\n\nLinked in.\n",
    );
    std::os::unix::fs::symlink("../../shared/fair.md", site.path("bulletins/2021/fair.md"))
        .unwrap();
    site.build().success();
    assert!(site.page("/2021/fair/").contains("Linked in."));
}

#[test]
fn symlink_loops_end_and_name_the_link() {
    let site = TestSite::fixture("minimal");
    std::os::unix::fs::symlink("..", site.path("bulletins/2021/loop")).unwrap();
    std::os::unix::fs::symlink("self.md", site.path("bulletins/2021/self.md")).unwrap();
    let run = site.build();
    assert!(
        run.stderr.contains("bulletins/2021/loop:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("bulletins/2021/self.md:"),
        "{}",
        run.stderr
    );
}
