"""File-level entry points of the aligner: sentence files in, beads out; bead files scored."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from .. import textio
from ..errors import InputError, LvtermError
from ..formats.beads import dump, read_beads, read_dictionary, read_sentences
from ..lang import language_code
from ..models import Bead
from ..progress import Progress
from .dp import align
from .evaluate import Scores, score
from .scorers import default_scorers


def align_files(src_path: str | os.PathLike, tgt_path: str | os.PathLike, *, src_lang: str, tgt_lang: str,
                dictionary_path: str | os.PathLike | None = None, model: str | None = None,
                progress: Progress | None = None) -> list[Bead]:
    """Align two sentence files (one sentence a line, blank lines between paragraphs);
    `dictionary_path`: an optional TSV term list (source term, target term); `model`: a
    sentence-transformers model (path or name) whose embeddings join the lexical scorers;
    `progress`: a bar over the aligner's stages (`align`). Language codes as `align` takes them."""
    src_lang, tgt_lang = language_code(src_lang, what="src_lang"), language_code(tgt_lang, what="tgt_lang")
    dictionary = read_dictionary(dictionary_path) if dictionary_path else None
    src, sp = read_sentences(src_path)
    tgt, tp = read_sentences(tgt_path)
    scorers = None
    if model:
        from .embed import EmbeddingScorer, load_model

        load_model(model)  # a bad model is one error before any work
        scorers = default_scorers(dictionary=dictionary) + [EmbeddingScorer(model=model)]
    return align(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, dictionary=dictionary,
                 src_paragraphs=sp, tgt_paragraphs=tp, scorers=scorers, progress=progress)


@dataclass(frozen=True)
class BatchJob:
    """One line of a batch list: align `src` with `tgt`, write the beads to `out`."""

    src: Path
    tgt: Path
    out: Path
    line: int


def read_batch(path: str | os.PathLike) -> list[BatchJob]:
    """A batch list as hunalign's `-batch` takes it: `source<TAB>target<TAB>output` a line (blank
    lines and `#` comments skipped); relative paths are taken from the list file's folder."""
    from ..fileio import same_file  # only a batch writes files: `lvterm align` spares the import

    folder = Path(path).parent
    jobs = [BatchJob(*(folder / p for p in fields), number)  # names as written: not NFC-normalised
            for number, fields in textio.read_fields(path, columns=3, expect="source<TAB>target<TAB>output", nfc=False)]
    first: dict[str, int] = {}  # an output's real path -> its line
    read = {os.path.realpath(p): job.line for job in jobs for p in (job.src, job.tgt)}
    read.setdefault(os.path.realpath(path), 0)
    for job in jobs:  # the line that names an output again is the one reported
        out = os.path.realpath(job.out)  # another spelling or a symlink of a file is that file
        if any(same_file(job.out, p) for p in (job.src, job.tgt)):
            raise InputError(f"output {job.out} is also an input of its line", path=path, line=job.line)
        if out in read:
            where = f"an input of line {read[out]}" if read[out] else "the batch list"
            raise InputError(f"output {job.out} is {where}, which it would overwrite", path=path, line=job.line)
        if out in first:
            raise InputError(f"output {job.out} is named again (first on line {first[out]})",
                             path=path, line=job.line)
        first[out] = job.line
    return jobs


def align_batch(list_path: str | os.PathLike, *, src_lang: str, tgt_lang: str,
                dictionary_path: str | os.PathLike | None = None,
                model: str | None = None) -> Iterator[tuple[BatchJob, LvtermError | None]]:
    """Align every pair of a batch list in this one process (resources load once), writing each
    output atomically; yields (job, None) for a pair done and (job, error) for one that failed,
    and goes on with the others. A bad language code is one ArgumentError before any pair."""
    src_lang, tgt_lang = language_code(src_lang, what="src_lang"), language_code(tgt_lang, what="tgt_lang")
    from ..fileio import atomic_write  # only a batch writes files: `lvterm align` spares the import

    jobs = read_batch(list_path)
    for job in jobs if dictionary_path is not None else ():
        if os.path.realpath(job.out) == os.path.realpath(dictionary_path):
            raise InputError(f"output {job.out} is the --dictionary file, which it would overwrite",
                             path=list_path, line=job.line)
    if model:
        from .embed import load_model

        load_model(model)  # a bad model is one error, not one per pair
    for job in jobs:
        try:
            beads = align_files(job.src, job.tgt, src_lang=src_lang, tgt_lang=tgt_lang,
                                dictionary_path=dictionary_path, model=model)
            with atomic_write(job.out) as fp:
                dump(beads, fp)
        except LvtermError as exc:
            yield job, exc
        else:
            yield job, None


def evaluate_files(test: Sequence[str], gold: Sequence[str]) -> Scores:
    """Pooled scores of test bead files against gold bead files, paired in order."""
    if len(test) != len(gold):
        raise InputError(f"got {len(test)} test files but {len(gold)} gold files; pair them in order")
    golds, tests = [read_beads(g) for g in gold], [read_beads(t) for t in test]
    for t_path, g_path, t_beads, g_beads in zip(test, gold, tests, golds):
        t_size, g_size = _covered(t_beads), _covered(g_beads)
        if t_size and g_size and t_size != g_size:
            raise InputError(f"aligns {t_size[0]} + {t_size[1]} sentences, but its gold {g_path} aligns "
                             f"{g_size[0]} + {g_size[1]}: not the same documents", path=t_path)
    return score(golds, tests)


def _covered(beads) -> tuple[int, int] | None:
    """(source, target) sentence counts of an alignment that names every sentence of both
    documents once (0..n-1), else None (a partial gold may leave sentences out)."""
    sizes = []
    for side in ([i for b in beads for i in b.src], [j for b in beads for j in b.tgt]):
        if sorted(side) != list(range(len(side))):
            return None
        sizes.append(len(side))
    return sizes[0], sizes[1]
