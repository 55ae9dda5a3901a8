#!/usr/bin/env python3
"""Splits a shared library's size by origin, from the GNU ld map file of a link.

    map_shares.py LINK.map

Every input section the linker placed in an allocated output section is
attributed, by the path of the object or archive member it came from, to one
part: core (Confidant's own objects, the generated protobuf code included),
SQLite, libsodium, protobuf-lite, the C++ runtime (libstdc++, libsupc++,
libgcc), or other (C start-up files, linker-made sections). Sections removed
by --gc-sections are not in the memory map, so they count for nothing.
Prints one line per part: name, bytes, share of the attributed total.
"""
import re
import sys

# Output sections that take no room in the file, or are removed by strip.
SKIP = re.compile(r"^\.(bss|tbss|debug|comment|note\.GNU-stack|gnu\.attributes|ARM\.attributes|stab|symtab|strtab)")

PARTS = [
    ("core", None),
    ("SQLite", re.compile(r"confidant_dep_sqlite3")),
    ("libsodium", re.compile(r"confidant_dep_sodium")),
    ("protobuf-lite", re.compile(r"confidant_dep_protobuf_lite")),
    ("C++ runtime", re.compile(r"lib(stdc\+\+|supc\+\+|gcc|gcc_eh|gcc_s)\b|libstdc\+\+|libgcc")),
    ("other", None),
]


def part_of(path):
    if not path or path.startswith("linker stubs") or "*" in path:
        return "other"
    for name, pattern in PARTS:
        if pattern is not None and pattern.search(path):
            return name
    if re.search(r"/(crt[^/]*\.o|libc_nonshared\.a)", path):
        return "other"
    return "core"


def main():
    totals = {name: 0 for name, _ in PARTS}
    in_map = False
    output = None
    pending = None  # an input section whose name filled its line
    entry = re.compile(r"^\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(.+)$")
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map or not line.strip():
                continue
            if not line.startswith(" "):
                # An output section: ".text  0x... 0x..." or a long name alone.
                output = line.split()[0]
                pending = None
                continue
            if output is None or SKIP.match(output):
                continue
            stripped = line.strip()
            if stripped.startswith("*fill*") or stripped.startswith("*("):
                pending = None
                continue
            m = re.match(r"^ (\.\S+|COMMON)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(.+)$", line)
            if m:
                size, path = int(m.group(3), 16), m.group(4)
            elif re.match(r"^ (\.\S+|COMMON)$", line):
                pending = True
                continue
            elif pending:
                m = entry.match(line)
                pending = None
                if not m:
                    continue
                size, path = int(m.group(2), 16), m.group(3)
            else:
                continue
            if size:
                totals[part_of(path)] += size
    total = sum(totals.values()) or 1
    for name, _ in PARTS:
        print(f"{name}\t{totals[name]}\t{100.0 * totals[name] / total:.1f}")


if __name__ == "__main__":
    main()
