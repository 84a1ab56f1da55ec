"""Other projects' number, currency and date suites: at least 0.90 of cases pass per kind."""
import importlib.util
import json
from collections import Counter

import pytest


@pytest.fixture(scope="module")
def pass_rates(shared_dir):
    suites = shared_dir / "peer-suites"
    spec = importlib.util.spec_from_file_location("claimx_peer_check", suites / "check.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    ok, total = Counter(), Counter()
    for line in (suites / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["skip"]:
            continue
        passed, _ = check.run_case(case)
        for kind in case["kinds"]:
            total[kind] += 1
            ok[kind] += passed
    return {kind: ok[kind] / total[kind] for kind in total}


@pytest.mark.parametrize("kind", ["percentage", "money", "count", "date"])
def test_peer_pass_rate(pass_rates, kind):
    assert pass_rates[kind] >= 0.90
