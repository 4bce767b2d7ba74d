//! The families' test: on the example site, each address has one family,
//! and a job that names its inputs makes only the file it names.

use super::*;
use std::collections::BTreeMap;

/// On the example site, every address has one producer: no two
/// families (nor two jobs of one) give the same file, and every family
/// gives some.
#[test]
fn families_own_distinct_addresses() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::load(root).unwrap();
    let static_files = theme::files(root, &config.theme).unwrap();
    let tera = theme::tera(&static_files, config.minify).unwrap();
    let site = crate::build::read_site(root, &config, false).unwrap();
    let g = &site.graph;
    let today = Date::new(2026, 11, 23).unwrap();
    let tracking = crate::tracking::Tracking::build(g, today, config.archive_after_years);
    let r = Renderer {
        config: &config,
        tera,
        static_files,
        today,
        tracking: &tracking,
        default_task_row: false,
        progress: &Default::default(),
        frames: Default::default(),
    };
    let f = Fragments::build(&r, g).unwrap();
    let s = Scope { r: &r, g, f: &f };
    let inputs = Inputs::new(&r, g, 0);
    let families = FAMILIES.iter().map(|&(name, jobs)| (name, jobs(&s)));
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    let mut named = 0;
    for (name, jobs) in families.chain([("search", search::jobs(&r, g))]) {
        for job in jobs {
            // A job that names its inputs makes one file, at the
            // address it names.
            let reads = job.reads.as_ref().map(|reads| reads(&inputs).0);
            let files = job.make().unwrap();
            if let Some(path) = reads {
                let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
                assert_eq!(paths, [path.as_str()], "{name}");
                named += 1;
            }
            for file in files {
                if let Some(other) = owner.insert(file.path.clone(), name) {
                    panic!("{} is given by {other} and by {name}", file.path);
                }
            }
        }
    }
    // Documents, cited-only documents and plans' feeds name theirs.
    assert!(named >= g.docs.len() + g.cited.len(), "{named} named");
    for (name, _) in FAMILIES {
        assert!(owner.values().any(|n| n == name), "{name} gives no file");
    }
    assert!(owner.len() > 200, "{} files", owner.len());
}
