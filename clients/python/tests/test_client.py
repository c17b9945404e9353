"""The Python client against a running server: TRL and verl adapters called with the exact
signatures those libraries use must return the rewards of a plain `POST /reward`."""

import http.server
import json
import threading
import urllib.request

import pytest

from rlvr_client import (
    RLVRClient,
    RLVRItemError,
    RLVRRequestError,
    RLVRUnavailableError,
    make_trl_reward,
    verl_compute_score,
    verl_compute_score_batch,
)
from rlvr_client import adapters as adapters_mod


def post_reward(url, items):
    """POST /reward with urllib, independently of the client."""
    req = urllib.request.Request(
        url + "/reward",
        data=json.dumps({"items": items}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=300) as r:
        return json.loads(r.read())


@pytest.fixture(scope="module")
def direct(server_url, gsm8k_512):
    items = [
        {"id": str(i), "task": "math", "completion": r["completion"], "reference": r["ground_truth"]}
        for i, r in enumerate(gsm8k_512)
    ]
    reply = post_reward(server_url, items)
    assert len(reply["rewards"]) == 512
    return reply["rewards"]


def test_direct_rewards_track_openai_labels(direct, gsm8k_512):
    # sanity of the reference point itself: our verdicts agree with OpenAI's is_correct labels
    agree = sum((r == 1) == row["is_correct"] for r, row in zip(direct, gsm8k_512))
    assert agree / 512 >= 0.98


def test_trl_reward_func_matches_post_reward(server_url, direct, gsm8k_512):
    f = make_trl_reward(url=server_url, reference_column="ground_truth", name="rlvr_accuracy")
    assert f.__name__ == "rlvr_accuracy"
    n = len(gsm8k_512)
    # GRPOTrainer._calculate_rewards: reward_func(prompts=, completions=, completion_ids=, **reward_kwargs)
    # with every other dataset column repeated per completion, plus trainer_state.
    out = f(
        prompts=[r["question"] for r in gsm8k_512],
        completions=[r["completion"] for r in gsm8k_512],
        completion_ids=[[1, 2, 3]] * n,
        ground_truth=[r["ground_truth"] for r in gsm8k_512],
        is_correct=[r["is_correct"] for r in gsm8k_512],
        trainer_state=object(),
    )
    assert out == direct


def test_trl_conversational_format(server_url, direct, gsm8k_512):
    f = make_trl_reward(url=server_url)
    rows = gsm8k_512[:64]
    out = f(
        prompts=[[{"role": "user", "content": r["question"]}] for r in rows],
        completions=[[{"role": "assistant", "content": r["completion"]}] for r in rows],
        completion_ids=None,
        answer=[r["ground_truth"] for r in rows],  # found by the default column search
    )
    assert out == direct[:64]


def test_trl_returns_none_where_the_server_could_not_grade(server_url):
    f = make_trl_reward(url=server_url)
    out = f(prompts=["q", "q"], completions=["The answer is 4", "The answer is 4"], answer=["4", ""])
    assert out[0] == 1
    assert out[1] is None


def test_verl_compute_score_matches_post_reward(server_url, direct, gsm8k_512):
    # verl NaiveRewardManager: compute_score(data_source=, solution_str=, ground_truth=, extra_info=)
    scores = [
        verl_compute_score(
            data_source="openai/gsm8k",
            solution_str=r["completion"],
            ground_truth=r["ground_truth"],
            extra_info={"split": "test", "index": i},
            url=server_url,
        )
        for i, r in enumerate(gsm8k_512)
    ]
    assert all(isinstance(s, float) for s in scores)
    assert scores == direct


def test_verl_batch_form_matches_post_reward(server_url, direct, gsm8k_512):
    # verl BatchRewardManager: compute_score(data_sources=, solution_strs=, ground_truths=, extra_infos=)
    out = verl_compute_score_batch(
        data_sources=["openai/gsm8k"] * 512,
        solution_strs=[r["completion"] for r in gsm8k_512],
        ground_truths=[r["ground_truth"] for r in gsm8k_512],
        extra_infos=[{"index": i} for i in range(512)],
        url=server_url,
    )
    assert out == direct
    dicts = verl_compute_score_batch(
        data_sources=["openai/gsm8k"] * 8,
        solution_strs=[r["completion"] for r in gsm8k_512[:8]],
        ground_truths=[r["ground_truth"] for r in gsm8k_512[:8]],
        extra_infos=None,
        url=server_url,
        return_dict=True,
    )
    assert [d["score"] for d in dicts] == direct[:8]
    assert all(set(d) == {"score", "accuracy", "correct"} for d in dicts)


def test_verl_error_policy(server_url):
    with pytest.raises(RLVRItemError):
        verl_compute_score("openai/gsm8k", "The answer is 4", "", url=server_url)
    assert verl_compute_score("openai/gsm8k", "The answer is 4", "", url=server_url, on_error="zero") == 0.0


def test_batching_gives_the_same_results(server_url, direct, gsm8k_512):
    items = [{"task": "math", "completion": r["completion"], "reference": r["ground_truth"]} for r in gsm8k_512]
    with RLVRClient(server_url, batch_size=100, concurrency=3) as c:
        reply = c.reward(items)
    assert reply["rewards"] == direct
    assert [r["id"] for r in reply["results"]] == [str(i) for i in range(512)]


def test_one_refused_item_does_not_sink_the_batch(server_url):
    # the server refuses a batch naming item_index for an unknown task; the client isolates it
    f = make_trl_reward(url=server_url)
    out = f(
        prompts=["q"] * 3,
        completions=["The answer is 4", "The answer is 4", "The answer is 5"],
        answer=["4", "4", "5"],
        task=["math", "no-such-task", "math"],
    )
    assert out == [1, None, 1]


def test_request_errors_are_not_retried(server_url):
    c = RLVRClient(server_url, max_retries=3, backoff=5.0)
    with pytest.raises(RLVRRequestError) as e:
        c.reward([{"task": "no-such-task", "completion": "x", "reference": "1"}], max_refused=0)
    assert e.value.status == 400
    assert e.value.code == "RLVR_ERR_ITEM_TASK_UNKNOWN"


def test_vote(server_url):
    c = RLVRClient(server_url)
    v = c.vote(["\\boxed{\\frac12}", "\\boxed{0.5}", "\\boxed{2}", "The answer is 1/2."], reference="1/2")
    assert v["answer"] == "\\frac12"
    assert v["clusters"][0]["members"] == [0, 1, 3]
    assert v["correct"] is True


class Flaky(http.server.BaseHTTPRequestHandler):
    """Answers 503 (with Retry-After: 0) `fail` times, then a fixed /reward reply."""

    fail = 2
    calls = 0

    def do_POST(self):
        type(self).calls += 1
        n = int(self.headers.get("content-length", 0))
        body = json.loads(self.rfile.read(n))
        if type(self).calls <= type(self).fail:
            self.send_response(503)
            self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")
            return
        items = body["items"]
        out = json.dumps(
            {
                "rewards": [1.0] * len(items),
                "results": [{"id": it["id"], "reward": 1.0, "verdict": "correct", "components": {}} for it in items],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *a):
        pass


def test_retries_on_5xx_with_backoff_then_succeeds():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        Flaky.calls = 0
        c = RLVRClient(f"http://127.0.0.1:{srv.server_address[1]}", max_retries=3, backoff=0.01)
        reply = c.reward([{"task": "math", "completion": "1", "reference": "1"}])
        assert reply["rewards"] == [1.0]
        assert Flaky.calls == 3
        Flaky.calls = 0
        c2 = RLVRClient(f"http://127.0.0.1:{srv.server_address[1]}", max_retries=1, backoff=0.01)
        with pytest.raises(RLVRUnavailableError):
            c2.reward([{"task": "math", "completion": "1", "reference": "1"}])
        assert Flaky.calls == 2
    finally:
        srv.shutdown()


def test_connection_errors_are_retried_then_reported():
    # a port nobody listens on: every attempt is refused
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    c = RLVRClient(f"http://127.0.0.1:{port}", max_retries=2, backoff=0.01, timeout=2)
    with pytest.raises(RLVRUnavailableError, match="after 3 attempts"):
        c.health()


def test_task_inference_for_verl():
    assert adapters_mod.infer_task("openai/gsm8k", "18") == "math"
    assert adapters_mod.infer_task("countdown", {"target": 1}) == "countdown"
    assert adapters_mod.infer_task("x", "1", {"task": "code"}) == "code"
