//! Kills the real binary with SIGKILL while it saves workshops as fast as it
//! can, many times at random moments, and checks after every kill that the
//! file on disk is a whole workshop: the one before or one being written,
//! never a mix or a fragment.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use maturity_workshop::cli::stress_notes;
use maturity_workshop::storage::{backup_path, read_workshop_file};
use maturity_workshop::workshop::Workshop;
use maturity_workshop::workshop::sample::sample_workshop;

const BIN: &str = env!("CARGO_BIN_EXE_maturity-workshop");
/// Kills in `cargo test`: enough to hit every phase of a save many times
/// over, quick enough for a debug build on a loaded machine.
const KILLS: u64 = 40;
/// Kills in the long run against the release binary (issue 10), whose
/// saves are faster, so a random moment lands in more places of a write.
const RELEASE_KILLS: u64 = 200;

/// xorshift64*: enough randomness for delays, and reproducible from the
/// printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Which writer (seed) wrote `workshop`, checking that it is exactly one of
/// the workshops written: the sample with a writer's notes. `0` for the
/// untouched sample.
fn writer_of(workshop: &Workshop, sample: &Workshop, what: &str) -> u64 {
    let mut expected = sample.clone();
    expected.general_notes = workshop.general_notes.clone();
    assert!(*workshop == expected, "{what}: not one of the written workshops");
    if workshop.general_notes == sample.general_notes {
        return 0;
    }
    let seed: u64 = workshop
        .general_notes
        .strip_prefix("stress-write seed ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| panic!("{what}: unexpected notes {:?}", workshop.general_notes));
    let count: u64 = workshop.general_notes.rsplit(' ').next().unwrap().parse().unwrap();
    assert_eq!(workshop.general_notes, stress_notes(seed, count), "{what}");
    seed
}

fn temporary_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect()
}

#[test]
fn sigkill_at_random_moments_never_leaves_a_broken_file() {
    kill_writers(Path::new(BIN), KILLS);
}

/// `cargo build --release && cargo test --test sigkill -- --ignored`: the
/// release binary, 200 kills. Result recorded in FUZZING.md.
#[test]
#[ignore = "needs `cargo build --release` first; takes minutes"]
fn sigkill_200_times_against_the_release_binary() {
    // SIGKILL_BIN names another binary (a debug build, say) to kill instead.
    let release = std::env::var_os("SIGKILL_BIN").map(std::path::PathBuf::from).unwrap_or_else(|| {
        Path::new(BIN).parent().and_then(Path::parent).unwrap().join("release/maturity-workshop")
    });
    assert!(release.is_file(), "build it first: cargo build --release ({} is missing)", release.display());
    kill_writers(&release, RELEASE_KILLS);
}

/// Starts `bin stress-write` `kills` times and SIGKILLs it at a random
/// moment of its writing each time, checking the file after every kill.
fn kill_writers(bin: &Path, kills: u64) {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stress.workshop.ron");
    let sample = sample_workshop();
    let status = Command::new(bin).arg("sample").arg("-o").arg(&file).stdout(Stdio::null()).status().unwrap();
    assert!(status.success());

    let seed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    eprintln!("delay seed {seed}");
    let mut rng = Rng(seed);
    let mut hit_a_writer = 0;
    let mut last_writer = 0;
    for kill in 1..=kills {
        let mut child = Command::new(bin)
            .args(["stress-write", "--seed", &kill.to_string(), "--file"])
            .arg(&file)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait for the first save, so that start-up time (slow in a debug
        // build on a loaded machine) cannot make the kills miss the writes;
        // then kill at a random moment of the writing that follows.
        let mut ready = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut ready).unwrap();
        assert_eq!(ready.trim(), "ready", "kill {kill}: the writer did not start");
        std::thread::sleep(Duration::from_millis(rng.next() % 30));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(status.code().is_none(), "kill {kill}: the writer stopped by itself ({status})");

        let what = format!("after kill {kill} (delay seed {seed})");
        let loaded = read_workshop_file(&file).unwrap_or_else(|problems| panic!("{what}: {problems}"));
        let writer = writer_of(&loaded.workshop, &sample, &what);
        assert!(writer >= last_writer && writer <= kill, "{what}: written by writer {writer}");
        if writer == kill {
            hit_a_writer += 1;
        }
        last_writer = writer;

        // No backup yet while no writer has saved once.
        if backup_path(&file).exists() {
            let backup = read_workshop_file(&backup_path(&file))
                .unwrap_or_else(|problems| panic!("{what}: the backup: {problems}"));
            writer_of(&backup.workshop, &sample, &format!("{what}, the backup"));
        }

        let temps = temporary_files(dir.path());
        assert!(temps.len() <= 1, "{what}: temporary files pile up: {temps:?}");
    }
    // Every kill came after its writer's first save.
    assert_eq!(hit_a_writer, kills, "every kill hits a writer at work");
    eprintln!("{hit_a_writer} of {kills} kills hit a writer at work, in {:?}", started.elapsed());
}
