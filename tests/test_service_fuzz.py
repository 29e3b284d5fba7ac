"""Property-based fuzzing of the API from its own OpenAPI document: no request gets a 5xx.

Schemathesis generates requests for every operation, valid ones and deliberately invalid
ones (wrong types, missing fields, odd parameters), and sends them with the token to a
real server on loopback; the check is that the server never answers with a server error.

The document declares bearer security, so by default schemathesis generates an
`Authorization` header of its own (a random token, or none in negative mode): that would
answer every request 401 before it reaches the code under test. So no security
parameters are generated, the real token is always sent, and the status codes are
counted per operation to prove the requests got through: no 401 at all, and in positive
mode every operation answered, and the analyses and jobs succeeded some of the time (the
request schemas express "exactly one of text and html", so valid bodies can be
generated). Bounded examples keep the whole run to seconds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok

from summarizer import Config

from .service_helpers import auth, running, settings

EXAMPLES_PER_MODE = 20
# Operations whose valid requests do the real work (analyses, a queued job): positive
# fuzzing must get 2xx answers from them, not only validation errors.
MUST_SUCCEED = {"/v1/analyze", "/v1/report", "/v1/jobs"}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_errors(tmp_path: Path, mode: GenerationMode) -> None:
    service = settings(tmp_path, config=Config(max_chars=5_000), max_body_bytes=32 * 1024)
    statuses: defaultdict[str, Counter[int]] = defaultdict(Counter)
    with running(service) as url:
        schema = schemathesis.openapi.from_url(url + "/openapi.json", headers=auth(), timeout=10)
        # No generated (random) credentials: every request carries the real token.
        schema.config.generation.update(with_security_parameters=False)
        results = list(schema.get_all_operations())
        assert all(isinstance(result, Ok) for result in results), results
        operations = [result.ok() for result in results if isinstance(result, Ok)]
        assert {op.path for op in operations} >= {"/v1/analyze", "/v1/jobs", "/healthz"}
        fuzzed: set[str] = set()
        for operation in operations:

            @given(case=operation.as_strategy(mode))
            @hypothesis_settings(
                max_examples=EXAMPLES_PER_MODE,
                deadline=None,
                derandomize=True,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def check(case: schemathesis.Case[Any]) -> None:
                # The real token last, so nothing generated can replace it.
                headers = {**dict(case.headers or {}), **auth()}
                response = case.call_and_validate(
                    headers=headers, checks=[not_a_server_error], timeout=30
                )
                statuses[case.operation.label][response.status_code] += 1

            try:
                check()
            except Unsatisfiable:
                # Nothing to get wrong in negative mode: no parameters and no body (/healthz),
                # or only a free-form string in the path (/v1/jobs/{job_id}...).
                assert mode is GenerationMode.NEGATIVE
                continue
            fuzzed.add(operation.path)
        assert fuzzed >= {"/v1/analyze", "/v1/report", "/v1/jobs"}
        if mode is GenerationMode.POSITIVE:
            assert fuzzed >= {op.path for op in operations}
    seen = {label: dict(sorted(counts.items())) for label, counts in sorted(statuses.items())}
    print(f"status codes ({mode.value}): {seen}")
    # The token always got through: nothing was answered 401, whatever was generated.
    assert not any(401 in counts for counts in statuses.values()), seen
    if mode is GenerationMode.POSITIVE:
        for operation in operations:
            counts = statuses[operation.label]
            assert counts, (operation.label, seen)
            if operation.path in MUST_SUCCEED:
                assert any(200 <= code < 300 for code in counts), (operation.label, seen)
