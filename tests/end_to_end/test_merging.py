"""Two independent spec edits on two branches merge without conflicts in files neither touched.

A repository that commits its generated client (as this one does) regenerates on every spec
change. If every generated file carried the spec's digest, any two branches that each changed
the spec would conflict in every file; with the digest and the generator's version in
`_version.py` only, the files a branch did not change by its edit stay byte-identical. Each
branch also adds an entry to `CHANGELOG.md`; `merge=union` in `.gitattributes` keeps both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..helpers import GENERATED, IGNORED, ROOT, SPEC

#: Two edits of different operations, whose methods live in different resource modules.
GA_CREATE_EDIT = (
    "      operationId: message_batches_create\n"
    "      summary: Create a Message Batch\n"
    "      description: *create-description\n",
    "      operationId: message_batches_create\n"
    "      summary: Create a Message Batch\n"
    "      description: Send a batch of Message creation requests (generally available).\n",
)
BETA_CANCEL_EDIT = (
    "      summary: Cancel a Message Batch\n      description: &cancel-description",
    "      summary: Cancel a Message Batch (beta)\n      description: &cancel-description",
)


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`git ARGS` in `repo`, blind to the developer's own git configuration."""
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=60
    )


def commit_all(repo: Path, message: str) -> None:
    assert git(repo, "add", "-A").returncode == 0
    committed = git(repo, "commit", "--quiet", "--no-gpg-sign", "-m", message)
    assert committed.returncode == 0, committed.stderr


def branch_with_edit(repo: Path, branch: str, edit: tuple[str, str]) -> Path:
    """A worktree of `repo` on a new branch from main, its spec edited: where to regenerate."""
    worktree = repo.parent / branch
    added = git(repo, "worktree", "add", "--quiet", "-b", branch, str(worktree), "main")
    assert added.returncode == 0, added.stderr
    spec = worktree / "spec" / "openapi.yaml"
    text = spec.read_text()
    assert text.count(edit[0]) == 1
    spec.write_text(text.replace(edit[0], edit[1]))
    return worktree


def regenerate(worktrees: list[Path], cache: Path) -> None:
    """`generate` in each worktree, as its author would, all at once (each takes a second)."""
    command = [sys.executable, "-m", "generator", "generate"]
    runs = [
        subprocess.Popen(
            [*command, "--spec", str(worktree / "spec"), "--out", str(worktree / "generated")],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        )
        for worktree in worktrees
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr


def test_two_spec_edits_conflict_only_in_version_py(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SPEC, repo / "spec")
    shutil.copytree(GENERATED, repo / "generated", ignore=IGNORED)
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")  # CHANGELOG.md merge=union
    assert git(repo, "init", "--quiet", "--initial-branch", "main").returncode == 0
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.com")
    commit_all(repo, "the spec and its client")

    edits = {"ga-create": GA_CREATE_EDIT, "beta-cancel": BETA_CANCEL_EDIT}
    worktrees = {branch: branch_with_edit(repo, branch, edit) for branch, edit in edits.items()}
    regenerate(list(worktrees.values()), tmp_path / "cache")
    changed: dict[str, set[str]] = {}
    for branch, worktree in worktrees.items():
        commit_all(worktree, f"edit the spec and regenerate on {branch}")
        changed[branch] = set(git(repo, "diff", "--name-only", "main", branch).stdout.split())
    ga, beta = changed["ga-create"], changed["beta-cancel"]
    version = "generated/anthropic_batches/_version.py"
    # Each edit reached the client: its own resource module changed, and the spec's digest.
    assert "generated/anthropic_batches/resources/messages/batches.py" in ga
    assert "generated/anthropic_batches/resources/beta/messages/batches.py" in beta
    assert version in ga & beta

    merging = worktrees["beta-cancel"]
    merged = git(merging, "merge", "--no-edit", "--no-gpg-sign", "ga-create")
    conflicted = set(git(merging, "diff", "--name-only", "--diff-filter=U").stdout.split())
    assert conflicted <= ga & beta, merged.stdout
    assert conflicted - {version} == set(), merged.stdout
    # Both branches added an entry to the changelog; a union merge keeps both, header once.
    changelog = (merging / "generated" / "CHANGELOG.md").read_text()
    assert changelog.count("# Changelog") == 1
    assert changelog.count("## 0.1.0") == 1
    assert "- Docs: `beta.messages.batches.cancel`: summary or description changed" in changelog
    assert "- Docs: `messages.batches.create`: summary or description changed" in changelog
