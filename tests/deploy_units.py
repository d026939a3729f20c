"""Reading the shipped systemd units (docs/deploy/) as systemd would, to run their commands here,
where no systemd runs: sections and repeated keys, specifiers, Environment= and EnvironmentFile=,
and ExecStart's $VAR expansion (systemd.service(5), systemd.exec(5))."""

import re
import shlex
import socket
from dataclasses import dataclass
from pathlib import Path


def unit_parse(text: str) -> dict[str, list[tuple[str, str]]]:
    """{section: [(key, value), ...]} in order; keys may repeat (Environment=, EnvironmentFile=)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in text.replace("\\\n", " ").splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        key, separator, value = line.partition("=")
        assert current is not None and separator, f"not a unit line: {line!r}"
        current.append((key.strip(), value.strip()))
    return sections


def unit_values(sections: dict[str, list[tuple[str, str]]], section: str, key: str) -> list[str]:
    return [value for name, value in sections.get(section, []) if name == key]


def unit_value(sections: dict[str, list[tuple[str, str]]], section: str, key: str) -> str:
    (value,) = unit_values(sections, section, key)
    return value


def specifiers_expand(text: str, instance: str) -> str:
    """The specifiers the shipped units use; instances here need no unescaping."""
    known = {"i": instance, "I": instance, "H": socket.gethostname(), "%": "%"}
    return re.sub(r"%(.)", lambda match: known[match.group(1)], text)


def environment_file_read(path: Path) -> dict[str, str]:
    """NAME=value lines, as systemd reads an EnvironmentFile (comments, blank lines, quotes)."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        name, separator, value = line.partition("=")
        assert separator and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name.strip()), f"{path}: {line!r}"
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[name.strip()] = value
    return values


@dataclass
class Service:
    args: list[str]
    env: dict[str, str]
    cwd: Path
    sections: dict[str, list[tuple[str, str]]]


def service_of(unit_text: str, instance: str, base_env: dict[str, str]) -> Service:
    """What systemd would run for this instance: ExecStart's words, the environment (the manager's
    own `base_env`, then Environment=, then EnvironmentFile=, which wins whatever the order) and
    the working directory."""
    sections = unit_parse(specifiers_expand(unit_text, instance))
    env = dict(base_env)
    for assignments in unit_values(sections, "Service", "Environment"):
        env.update(word.split("=", 1) for word in shlex.split(assignments))
    for name in unit_values(sections, "Service", "EnvironmentFile"):
        path = Path(name.removeprefix("-"))
        if path.exists() or not name.startswith("-"):
            env.update(environment_file_read(path))
    (command,) = unit_values(sections, "Service", "ExecStart")
    cwd = Path(unit_value(sections, "Service", "WorkingDirectory"))
    return Service(_command_expand(command, env), env, cwd, sections)


def _command_expand(command: str, env: dict[str, str]) -> list[str]:
    """systemd's rule: a word that is exactly $NAME becomes the value's words; ${NAME} is one word."""
    words = []
    for word in shlex.split(command):
        alone = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if alone:
            words.extend(env.get(alone.group(1), "").split())
        else:
            words.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m.group(1), ""), word))
    return words
