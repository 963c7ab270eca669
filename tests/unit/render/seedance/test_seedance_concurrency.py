"""Many shots through one client: at most `concurrency` tasks in flight per model, each shot
created once, a failing shot alone, a fatal error stopping the rest."""

import threading

from seedance_helpers import PRO, small

from onecrew.render.seedance import FatalError, MemoryLedger, Result, ShotFailed, run_batch

LITE = "doubao-seedance-1-0-lite-t2v-250428"


def test_at_most_n_in_flight_per_model(ark_factory, make_client, tmp_path):
    ark = ark_factory({"queue_s": 0.05, "run_s": 0.1,
                       "outcomes": [{"match": "shot 3 ", "status": "failed",
                                     "code": "OutputVideoSensitiveContentDetected"}]})
    client = make_client(ark, concurrency={"1.0-pro": 3})
    jobs = [(small(f"shot {i} of the film"), MemoryLedger(), tmp_path / f"{i}.mp4")
            for i in range(10)]
    jobs += [(small(f"lite shot {i}", model=LITE), MemoryLedger(), tmp_path / f"l{i}.mp4")
             for i in range(7)]
    states, lock = {}, threading.Lock()

    def on_state(i, s):
        with lock:
            states.setdefault(i, []).append(s)
    out = run_batch(client, jobs, workers=17, on_state=on_state)
    assert ark.max_in_flight[PRO] == 3          # the override, reached and never passed
    assert 1 < ark.max_in_flight[LITE] <= 5      # lite's documented default
    assert ark.creates == 17
    assert isinstance(out[3], ShotFailed)
    assert all(isinstance(r, Result) for i, r in enumerate(out) if i != 3)
    assert len({r.path for r in out if isinstance(r, Result)}) == 16
    assert all(s[0] == "queued" for s in states.values())


def test_a_fatal_error_stops_the_shots_not_yet_sent(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [{"on": "create", "status": 403, "code": "AccountOverdueError",
                                   "skip": 2}]})
    client = make_client(ark, concurrency={"1.0-pro": 1})
    jobs = [(small(f"shot {i}"), MemoryLedger(), tmp_path / f"{i}.mp4") for i in range(6)]
    out = run_batch(client, jobs, workers=6)
    done = [r for r in out if isinstance(r, Result)]
    stopped = [r for r in out if isinstance(r, FatalError)]
    assert len(done) == 2 and len(stopped) == 4 and ark.creates == 2
    assert sum(1 for op, _ in ark.api_calls if op == "create") == 3  # nothing after the refusal
    assert all("AccountOverdueError" in str(e) for e in stopped)
