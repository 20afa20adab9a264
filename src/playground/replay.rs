//! Deterministic replay: a fresh cluster from the seed, the user's actions (kubectl lines)
//! each at its simulated instant, then on to the moment asked for. Share links and scrubbing
//! both rest on it: same files + seed + actions ⇒ the same cluster, byte for byte.

use super::share::{Action, Shared};
use crate::kubectl::terminal::Terminal;
use crate::sim::Cluster;
use crate::sim::clock::SimTime;
use crate::sim::config::ClusterConfig;

/// Replays `shared` and returns the cluster at `shared.time_ms` and the terminal with the
/// files (and the output of the replayed lines).
pub fn replay(shared: &Shared) -> (Cluster, Terminal, String) {
    replay_actions(
        &shared.files,
        shared.seed,
        &shared.actions,
        SimTime::from_millis(shared.time_ms),
    )
}

/// Replays `actions` over `files` with `seed` up to `until`.
pub fn replay_actions(
    files: &[(String, String)],
    seed: u64,
    actions: &[Action],
    until: SimTime,
) -> (Cluster, Terminal, String) {
    let mut cluster = Cluster::new(ClusterConfig::default(), seed);
    let mut terminal = Terminal::default();
    for (name, text) in files {
        terminal.put_file(name, text);
    }
    let mut transcript = String::new();
    for action in actions.iter().filter(|a| a.at_ms <= until.as_millis()) {
        cluster.run_until(SimTime::from_millis(action.at_ms));
        transcript.push_str(&terminal.run_line(&mut cluster, &action.line));
        // A replayed watch or follow is not kept streaming.
        if terminal.is_busy() {
            terminal.interrupt();
        }
    }
    cluster.run_until(until);
    (cluster, terminal, transcript)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playground::share::{decode, encode};

    const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: dice\nspec:\n  completions: 3\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sh', '-c', 'echo $RANDOM; sleep $((RANDOM % 9))']\n";

    #[test]
    fn a_link_reproduces_the_same_cluster() {
        let shared = Shared {
            files: vec![("dice.yaml".into(), JOB.into())],
            active: 0,
            seed: 9,
            speed: 1.0,
            actions: vec![
                Action {
                    at_ms: 1_000,
                    line: "kubectl apply -f dice.yaml".into(),
                },
                Action {
                    at_ms: 5_000,
                    line: "kubectl delete pod --all --wait=false".into(),
                },
            ],
            time_ms: 90_000,
            panels: Vec::new(),
        };
        let (mut a, _, _) = replay(&decode(&encode(&shared)).expect("own link decodes"));
        let (mut b, _, _) = replay(&shared);
        let view = |c: &mut Cluster| {
            let args: Vec<String> = ["get", "pods", "-o", "yaml"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            crate::kubectl::execute(c, &crate::kubectl::Env::default(), &args)
                .output
                .stdout
        };
        assert_eq!(view(&mut a), view(&mut b));
        assert_eq!(a.now(), SimTime::from_millis(90_000));
        assert!(a.job_records()[0].status.is_true("Complete"));
    }
}
