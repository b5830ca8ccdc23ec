"""The ``summarylens`` command: thin wrappers that build options, call the library, render.

Heavy libraries (pdfplumber, OpenCC, charset-normalizer …) are imported inside
the commands, so ``summarylens --help`` stays instant.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarylens import __version__
from summarylens.errors import SummarylensError

app = typer.Typer(
    help="Read Chinese work reports (工作总结): clean, structure, extract, audit plans.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class Split(StrEnum):
    dev = "dev"
    test = "test"
    all = "all"


class CleanFormat(StrEnum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarylens {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """summarylens: work reports in, plan follow-through out."""


def emit(text: str, output: Path | None) -> None:
    """Print, or write the file atomically."""
    if output is None:
        sys.stdout.write(text)
    else:
        from summarylens.files import write_atomic

        write_atomic(output, text)


@app.command("clean")
def clean_command(
    file: Annotated[Path, typer.Argument(help="A report: .txt, .pdf, .docx, .html or .htm.")],
    format: Annotated[CleanFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CleanFormat.text
    ),
    simplified: Annotated[
        bool, typer.Option("--simplified", help="Output simplified, half-width text.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
) -> None:
    """Remove site furniture, glosses and teasers; print the article(s) of FILE."""
    from summarylens.pipeline import clean_file
    from summarylens.render import cleaned

    result = clean_file(file)
    render = cleaned.as_json if format is CleanFormat.json else cleaned.as_text
    emit(render(result, simplified), output)


@app.command("analyse")
def analyse_command(
    file: Annotated[Path, typer.Argument(help="A report: .txt, .pdf, .docx, .html or .htm.")],
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.zh,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", help="The period when the text leaves it open: 2023H1, 2023Y, 2023."
        ),
    ] = None,
    taxonomy: Annotated[
        Path | None, typer.Option("--taxonomy", help="Theme taxonomy TOML (default: shipped).")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Outline of a report: period, review and plan parts, sections with themes."""
    from summarylens.pipeline import AnalyseOptions, analyse_file
    from summarylens.render import outline
    from summarylens.structure import StructureOptions

    taxonomy_path = str(taxonomy) if taxonomy else None
    options = AnalyseOptions(structure=StructureOptions(period=period, taxonomy=taxonomy_path))
    result = analyse_file(file, options)
    emit(outline.render(result, format.value, lang.value, taxonomy_path), output)


@app.command("compare")
def compare_command(
    earlier: Annotated[Path, typer.Argument(help="The earlier report (its plans).")],
    later: Annotated[Path, typer.Argument(help="The later report (what became of them).")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.zh,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Follow-through of every plan of EARLIER in LATER, with evidence and target checks."""
    from summarylens.pipeline import compare_files
    from summarylens.render import comparison

    result = compare_files(earlier, later)
    emit(comparison.render(result, format.value, lang.value), output)


@app.command("audit")
def audit_command(
    paths: Annotated[list[Path], typer.Argument(help="Reports of one organisation, or a folder.")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.zh,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """A series in period order: every plan's fate, and plans restated without end."""
    from summarylens.render import series as render_series
    from summarylens.series import audit_series

    result = audit_series(paths)
    for failure in result.failures:
        sys.stderr.write(f"Error: {failure}\n")
    organisations = result.organisations  # a property: read it once
    if len(organisations) > 1:
        names = "; ".join(organisations)
        sys.stderr.write(f"Warning: these reports name {len(organisations)} organisations "
                         f"({names}); a series is one organisation's reports, and "
                         "`summarylens batch` sorts an archive into series\n")  # fmt: skip
    emit(render_series.render(result, format.value, lang.value), output)
    if result.failures:
        raise typer.Exit(1)


@app.command("batch")
def batch_command(
    folder: Annotated[Path, typer.Argument(help="A folder of reports (searched recursively).")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB archive to create or update.")],
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parallel processes.")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", help="local pool or Dask.")] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address (default: local).")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.zh,
) -> None:
    """Archive every report under FOLDER into DuckDB; re-runs skip unchanged files."""
    from rich.progress import MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from summarylens.batch import run_batch
    from summarylens.render.labels import label

    if not folder.exists():
        from summarylens.errors import FileNotFound

        raise FileNotFound(folder)
    failures = 0
    with Progress(
        TextColumn("{task.description}"), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("✗ {task.fields[failed]}"), TimeElapsedColumn(), transient=True,
    ) as progress:  # fmt: skip
        stage_labels = {"analyse": "batch_progress", "link": "batch_linking"}
        unit = {"analyse": "files/s", "link": "pairs/s"}
        tasks: list[tuple[str, TaskID]] = []

        def stage(name: str, total: int) -> None:
            description = label(stage_labels[name], lang)
            task = progress.add_task(description, total=total, failed=failures, rate="")
            tasks.append((name, task))

        def done(path: str, error: str | None) -> None:
            nonlocal failures
            failures += error is not None
            if error:
                progress.console.print(f"Error: {error}", style="red", markup=False)
            name, task = tasks[-1]
            elapsed = progress.tasks[task].elapsed or 0
            finished = progress.tasks[task].completed + 1
            rate = f"{finished / elapsed:.1f} {unit[name]}" if elapsed else ""
            progress.update(task, advance=1, failed=failures, rate=rate)

        result = run_batch(folder, db, workers, done, engine.value, scheduler, stage)
    message = label("batch_done", lang).format(
        result.stored, result.skipped, len(result.failures), result.linked_pairs
    )
    sys.stdout.write(message + "\n")
    if not (result.stored or result.skipped or result.failures):
        sys.stderr.write(
            f"Warning: {folder} holds no report file (.txt, .md, .pdf, .docx, .html…)\n"
        )
    if result.failures:
        raise typer.Exit(1)


@app.command("trends")
def trends_command(
    db: Annotated[Path, typer.Option("--db", help="DuckDB archive made by `summarylens batch`.")],
    org: Annotated[
        str | None,
        typer.Option("--org", help="Organisations whose names hold this (and their series)."),
    ] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.zh,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Indicators over periods and follow-through rates per organisation and theme."""
    from summarylens.render import trends as render_trends
    from summarylens.trends import compute

    if not db.is_file():
        from summarylens.errors import FileNotFound

        raise FileNotFound(db)
    emit(render_trends.render(compute(db, org), format.value, lang.value), output)


@app.command("evaluate")
def evaluate_command(
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Corpus folder (default: the checkout's).")
    ] = None,
    split: Annotated[Split, typer.Option("--split", help="Which reports to score.")] = Split.all,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    lang: Annotated[Lang, typer.Option("--lang", help="Label language.")] = Lang.zh,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Score every pipeline stage against the corpus gold, per split."""
    from summarylens import corpus as corpus_module
    from summarylens.evaluate import evaluate
    from summarylens.render import evaluation

    scores = evaluate(corpus_module.load(corpus), split.value)
    emit(evaluation.render(scores, format.value, lang.value), output)


@app.command("train")
def train_command(
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Corpus folder (default: the checkout's).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Model file (default: the shipped one).")
    ] = None,
) -> None:
    """Rebuild the theme model from the corpus dev split and show its cross-validation."""
    import json

    from summarylens import corpus as corpus_module
    from summarylens.train import train

    summary = train(corpus_module.load(corpus), output)
    sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    """Console entry point: a user-caused failure is one ``Error: …`` line on stderr."""
    try:
        app()
    except SummarylensError as error:
        sys.stderr.write(f"Error: {error}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
