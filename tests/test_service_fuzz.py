"""Property-based fuzzing of the API from its own OpenAPI document: no request gets a 5xx.

Schemathesis generates requests for every operation, valid ones and deliberately invalid
ones (wrong types, missing fields, odd parameters), and sends them with the token to a
real server on loopback; the only check is that the server never answers with a server
error. Bounded examples keep the whole run to seconds.
"""

from __future__ import annotations

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


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_errors(tmp_path: Path, mode: GenerationMode) -> None:
    service = settings(tmp_path, config=Config(max_chars=5_000), max_body_bytes=32 * 1024)
    with running(service) as url:
        schema = schemathesis.openapi.from_url(url + "/openapi.json", headers=auth(), timeout=10)
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
                headers = {**auth(), **dict(case.headers or {})}
                case.call_and_validate(headers=headers, checks=[not_a_server_error], timeout=30)

            try:
                check()
            except Unsatisfiable:
                # Nothing to get wrong (no parameters, no body: /healthz) in negative mode.
                assert mode is GenerationMode.NEGATIVE
                continue
            fuzzed.add(operation.path)
        assert fuzzed >= {"/v1/analyze", "/v1/report", "/v1/jobs", "/v1/jobs/{job_id}"}
