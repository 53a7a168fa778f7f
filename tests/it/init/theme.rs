//! The embedded default theme and how a site overrides it: the site's
//! `templates/` and `static/` by file name, its own `themes/default/`
//! (made by `gazette theme eject`) file by file, and a theme of its own
//! under another name.

use crate::support::{tree, TestSite};

fn site_with_a_bulletin() -> TestSite {
    let site = TestSite::base();
    site.write(
        "bulletins/2021/notice.md",
        "---\ntitle: A notice\ndate: 2021-05-01\n---\n\nText.\n",
    );
    site
}

#[test]
fn eject_copies_the_theme_and_the_output_stays_the_same() {
    let site = site_with_a_bulletin();
    site.build().success();
    let before = tree(&site.output_dir());
    let run = site.run(&["theme", "eject"]);
    run.success();
    assert!(run.stdout.contains("themes/default/"), "{}", run.stdout);
    assert!(site.path("themes/default/templates/base.html").is_file());
    assert!(site.path("themes/default/static/style.css").is_file());
    assert!(site.path("themes/default/i18n/zh.yaml").is_file());
    site.build().success();
    assert_eq!(tree(&site.output_dir()), before);
}

#[test]
fn eject_refuses_to_overwrite_a_theme_folder() {
    let site = site_with_a_bulletin();
    site.write("themes/default/templates/base.html", "mine");
    let run = site.run(&["theme", "eject"]);
    run.exit(2);
    assert!(run.stderr.contains("exists already"), "{}", run.stderr);
    assert_eq!(site.read("themes/default/templates/base.html"), "mine");
}

#[test]
fn an_ejected_file_overrides_the_built_in_one_and_a_deleted_one_falls_back() {
    let site = site_with_a_bulletin();
    site.run(&["theme", "eject"]).success();
    let css = site.read("themes/default/static/style.css");
    site.write(
        "themes/default/static/style.css",
        format!("{css}\n/* town colours */\n"),
    );
    site.remove("themes/default/templates/tags.html");
    // A string changed in the copy wins; the others still come from the binary.
    site.write("themes/default/i18n/en.yaml", "nav.home: Front page\n");
    site.build().success();
    assert!(site.output("style.css").ends_with("/* town colours */\n"));
    assert!(site.has_output("tags/index.html"));
    let page = site.page("/2021/notice/");
    assert!(page.contains("Front page"), "the changed string is used");
    assert!(
        page.contains("Indicators"),
        "the other strings still come from the binary"
    );
}

#[test]
fn site_templates_and_static_override_the_embedded_theme() {
    let site = site_with_a_bulletin();
    site.write("static/style.css", "body { color: teal }\n");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>Nothing here, sorry.</p>{% endblock %}",
    );
    site.build().success();
    assert_eq!(site.output("style.css"), "body { color: teal }\n");
    assert!(site.output("404.html").contains("Nothing here, sorry."));
    assert!(!site.path("themes").exists());
}

#[test]
fn a_theme_of_its_own_is_used_when_named_and_must_exist() {
    let site = site_with_a_bulletin();
    let yaml = site
        .read("site.yaml")
        .replace("theme: default", "theme: civic");
    site.write("site.yaml", yaml);
    let run = site.build();
    run.exit(2);
    assert!(
        run.stderr.contains("theme \"civic\" not found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("gazette theme eject --name civic"),
        "{}",
        run.stderr
    );
    site.run(&["theme", "eject", "--name", "civic"]).success();
    site.write("themes/civic/static/style.css", "/* civic */\n");
    site.build().success();
    assert_eq!(site.output("style.css"), "/* civic */\n");
    // A theme of its own stands alone: nothing of the built-in one is mixed in.
    site.remove("themes/civic/static/syntax.css");
    site.build().success();
    assert!(!site.has_output("syntax.css"));
}

#[test]
fn a_site_i18n_file_overrides_single_strings_of_the_theme() {
    let site = site_with_a_bulletin();
    site.write(
        "i18n/en.yaml",
        "site.description: Notices of the Testville council.\n",
    );
    site.build().success();
    let home = site.page("/");
    assert!(home.contains("Notices of the Testville council."), "{home}");
    assert!(
        home.contains("Indicators"),
        "the other strings are the theme's"
    );
}
