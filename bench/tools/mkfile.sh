#!/usr/bin/env bash
# A file of random bytes to download, in $BENCH_FILES (default /tmp/bench-files, never the repository).
# Usage: bench/tools/mkfile.sh [SIZE_MIB=1024] [NAME=big-<SIZE>m.bin]     prints the file's path
# Kept when it already has the size, so successive runs share it. 1..8192 MiB.
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"
size=${1:-1024}
name=${2:-big-${size}m.bin}
[[ $size =~ ^[0-9]+$ ]] && ((size >= 1 && size <= 8192)) || { echo "SIZE_MIB must be 1..8192" >&2; exit 2; }
[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || { echo "NAME must be a plain file name" >&2; exit 2; }
mkdir -p "$BENCH_FILES"
file=$BENCH_FILES/$name
if [[ ! -f $file || $(stat -c %s "$file") -ne $((size * 1048576)) ]]; then
    head -c $((size * 1048576)) /dev/urandom >"$file.part"
    mv "$file.part" "$file"
fi
chmod a+r "$file"
echo "$file"
