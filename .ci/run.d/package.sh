#!/usr/bin/env bash
# Packaging check: build the Linux one-folder bundle with build.spec, run the frozen program's smoke test
# (main window offscreen, demo campaign, import, exports; any Qt warning fails), report size and cold start, and
# compile the NSIS installer script around the bundle as a syntax check. The Windows build is
# .github/workflows/windows.yml.
set -euo pipefail
cd "$(dirname "$0")/../.."
export QT_QPA_PLATFORM=offscreen

MAX_BUNDLE_MB=150
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Đóng gói: PyInstaller (build.spec)"
started=$(date +%s)
uv run --locked --group build pyinstaller build.spec --noconfirm --log-level WARN --distpath dist --workpath build
built=$(date +%s)
bundle=dist/ThiDuaDesktop
size_mb=$(du -sm "$bundle" | cut -f1)
echo "PyInstaller: $((built - started)) s; thư mục $bundle: ${size_mb} MB ($(find "$bundle" -type f | wc -l) tệp)"

echo "== Kiểm tra nhanh bản đóng gói"
launched=$(date +%s.%N)
set +e
"$bundle/ThiDuaDesktop" --smoke-test --data-dir "$work/data" >"$work/stdout" 2>"$work/stderr"
code=$?
set -e
finished=$(date +%s.%N)
cat "$work/stdout"
if [ "$code" -ne 0 ]; then
  cat "$work/stderr" >&2
  echo "Kiểm tra nhanh bản đóng gói thất bại (mã $code); nhật ký:" >&2
  tail -n 60 "$work/data/logs/thidua.log" >&2 || true
  exit 1
fi
if [ -s "$work/stderr" ]; then
  echo "Bản đóng gói ghi ra stderr (không được phép):" >&2
  cat "$work/stderr" >&2
  exit 1
fi
awk -v a="$launched" -v b="$finished" 'BEGIN { printf "Kiểm tra nhanh: %.2f s từ lúc chạy đến lúc thoát\n", b - a }'
# every tab, menu action and command module of the source tree must be in the bundle
expected=$(uv run --locked python -c \
  "from thidua_desktop.smoke import plugin_counts; print('\n'.join(f'{k}={v}' for k, v in plugin_counts().items()))")
while read -r line; do
  grep -qx "  $line" "$work/stdout" || { echo "Bản đóng gói thiếu mô-đun: cần $line" >&2; exit 1; }
done <<<"$expected"

if [ "$size_mb" -gt "$MAX_BUNDLE_MB" ]; then
  echo "Thư mục đóng gói ${size_mb} MB vượt ${MAX_BUNDLE_MB} MB: xem KEEP_PLUGINS/EXCLUDES trong build.spec" >&2
  exit 1
fi

echo "== makensis packaging/thidua.nsi (kiểm tra cú pháp trên bản Linux)"
version=$(uv run --locked python -c "import thidua_desktop; print(thidua_desktop.__version__)")
icon_args=()
[ -f resources/icons/app.ico ] && icon_args=("-DAPP_ICON=$PWD/resources/icons/app.ico")
makensis -V2 -WX -DNOCOMPRESS "-DVERSION=$version" "-DSOURCE_DIR=$PWD/$bundle" -DEXE_NAME=ThiDuaDesktop \
  "-DOUTFILE=$work/ThiDuaDesktop-$version-setup.exe" "${icon_args[@]}" packaging/thidua.nsi
echo "makensis: đạt ($(du -sm "$work/ThiDuaDesktop-$version-setup.exe" | cut -f1) MB, không nén)"
