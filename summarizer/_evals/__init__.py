"""The eval suite: run engines on gold cases, record and replay model calls, score, gate.

Nothing is imported here, so that `summarizer --help` does not load the scorer (scipy);
import from the modules:

    _api.run_eval(options, root)                →  EvalLog (generation, then scoring)
    _run.generate / score_cases / rescore       →  generation and scoring, kept apart
    _cassettes.RecordingTransport / ReplayTransport / CassetteStore / cassette_key
    _log.EvalLog (the versioned run log), read_log, write_log
    _gate.check_gate, load_thresholds           →  the regression gate
    _report.compare_logs, render_terminal, render_html, json_report
    _suite.load_suites, project_root            →  suites, case by case, pinned by hash
    _fixtures.fixture_transport                 →  hand-written answers for pipeline tests
    _cli.eval_command                           →  `summarizer eval`

`evals/README.md` is the guide.
"""
