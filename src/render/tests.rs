//! The families' test: on the example site, each address has one family,
//! and a job that names its inputs makes only the file it names.

use super::*;
use std::collections::{BTreeMap, BTreeSet};

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
    let f = Fragments::new(&r, g);
    let s = Scope { r: &r, g, f: &f };
    let inputs = Inputs::new(&r, g, 0);
    let families = FAMILIES.iter().map(|&(name, jobs)| (name, jobs(&s)));
    // Each file's family and job (numbered in order).
    let mut owner: BTreeMap<String, (&str, usize)> = BTreeMap::new();
    let mut named = 0;
    let mut folders = Vec::new();
    let jobs = families
        .chain([("search", search::jobs(&r, g))])
        .flat_map(|(name, jobs)| jobs.into_iter().map(move |job| (name, job)));
    for (n, (name, job)) in jobs.enumerate() {
        // A job that names its inputs makes one file, at the address it
        // names, or the files under the folder it names.
        let reads = job.reads.as_ref().map(|reads| reads(&inputs).0);
        let files = job.make().unwrap();
        if let Some(path) = reads {
            let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
            if path.ends_with('/') {
                assert!(!paths.is_empty(), "{name}: {path}");
                assert!(paths.iter().all(|p| p.starts_with(&path)), "{name}: {path}");
                folders.push((path, n));
            } else {
                assert_eq!(paths, [path.as_str()], "{name}");
            }
            named += 1;
        }
        for file in files {
            if let Some(other) = owner.insert(file.path.clone(), (name, n)) {
                panic!("{} is given by {other:?} and by {name}", file.path);
            }
        }
    }
    // No job but the one naming a folder makes a file under it.
    for (folder, n) in &folders {
        let jobs: BTreeSet<usize> = owner
            .range(folder.clone()..)
            .take_while(|(p, _)| p.starts_with(folder.as_str()))
            .map(|(_, o)| o.1)
            .collect();
        assert_eq!(jobs, BTreeSet::from([*n]), "{folder}");
    }
    assert!(folders.iter().any(|f| f.0 == "lich/"), "{folders:?}");
    // Documents, cited-only documents and plans' feeds name theirs.
    assert!(named >= g.docs.len() + g.cited.len(), "{named} named");
    for (name, _) in FAMILIES {
        assert!(owner.values().any(|o| o.0 == *name), "{name} gives no file");
    }
    assert!(owner.len() > 200, "{} files", owner.len());
}
