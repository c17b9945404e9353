"""pytest fixtures. The tests talk to a running rlvr-server at $RLVR_URL; `npm test` starts one
(test/clients/python.test.ts) and runs this suite with Debian's /usr/bin/python3."""

import gzip
import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GSM8K = Path(os.environ.get("RLVR_DATA", "/work/shared/data")) / "math/completions/openai_grade-school-math/example_model_solutions.jsonl.gz"
MODELS = ("6b_finetuning", "6b_verification", "175b_finetuning", "175b_verification")


@pytest.fixture(scope="session")
def server_url() -> str:
    url = os.environ.get("RLVR_URL")
    if not url:
        pytest.skip("RLVR_URL not set: start a server (npm start) and export RLVR_URL=http://127.0.0.1:8000")
    return url


@pytest.fixture(scope="session")
def gsm8k_512():
    """512 real completions: the four GPT-3 solutions of the first 128 GSM8K test problems."""
    rows = []
    with gzip.open(GSM8K, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for m in MODELS:
                rows.append(
                    {
                        "question": rec["question"],
                        "completion": rec[m]["solution"],
                        "ground_truth": rec["ground_truth"],
                        "is_correct": rec[m]["is_correct"],
                    }
                )
            if len(rows) >= 512:
                break
    assert len(rows) == 512
    return rows
