"""What the Windows program needs that Linux cannot show by running it: tested here through declarations and fakes,
and for real by ``.ci/run.d/windows.sh`` (the Windows build under Wine)."""

from __future__ import annotations

import ctypes
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from thidua_desktop.ui import frozen_support
from thidua_desktop.ui.frozen_support import offscreen_font_dir, use_offscreen_platform

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build.spec"
PE_IMPORTS = ROOT / "packaging" / "wine" / "pe_imports.py"
PSEUDO_HANDLE = 0xFFFF_FFFF_FFFF_FFFF
"""What GetCurrentProcess() returns on 64-bit Windows: (HANDLE)-1."""


# --- the offscreen platform's fonts ------------------------------------------------------------------------------


def test_offscreen_on_windows_reads_the_system_fonts_folder() -> None:
    environ = {"QT_QPA_PLATFORM": "offscreen", "WINDIR": "D:\\Win"}
    assert offscreen_font_dir("win32", environ) == "D:\\Win\\Fonts"
    assert offscreen_font_dir("win32", {"QT_QPA_PLATFORM": "offscreen:size=800x600"}) == "C:\\Windows\\Fonts"


@pytest.mark.parametrize(
    ("platform", "environ"),
    [
        ("linux", {"QT_QPA_PLATFORM": "offscreen"}),
        ("win32", {"QT_QPA_PLATFORM": "windows"}),
        ("win32", {"QT_QPA_PLATFORM": "offscreen", "QT_QPA_FONTDIR": "E:\\fonts"}),
    ],
    ids=["linux: fontconfig finds them", "real window: DirectWrite", "folder chosen by whoever runs it"],
)
def test_font_folder_left_to_qt_otherwise(platform: str, environ: dict[str, str]) -> None:
    assert offscreen_font_dir(platform, environ) is None


def test_choosing_offscreen_on_windows_sets_the_font_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    environ = {"SystemRoot": "C:\\WINDOWS"}
    monkeypatch.setattr(sys, "platform", "win32")
    use_offscreen_platform(environ)
    assert environ["QT_QPA_PLATFORM"] == "offscreen"
    assert environ["QT_QPA_FONTDIR"] == "C:\\WINDOWS\\Fonts"


def test_smoke_test_chooses_offscreen_through_the_windows_aware_helper(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from thidua_desktop import smoke

    chosen: list[bool] = []

    def stop_before_qt(_data_dir: Path | None) -> Path:
        raise smoke.SmokeTestFailure("dừng trước khi mở Qt")

    monkeypatch.setattr(smoke, "use_offscreen_platform", lambda: chosen.append(True))
    monkeypatch.setattr(smoke, "prepare_data_dir", stop_before_qt)
    assert smoke.run_smoke_test(tmp_path / "data") == smoke.EXIT_FAILED
    assert chosen == [True]


# --- GetProcessTimes: pointer-sized handles ----------------------------------------------------------------------


class _ForeignFunction:
    """A kernel32 function as ctypes calls it on 64-bit Windows: undeclared arguments and results are 32-bit C ints
    (a 64-bit handle loses its upper half), declared ones are converted by their types."""

    def __init__(self, impl: Callable[..., int]) -> None:
        self.impl = impl
        self.argtypes: list[Any] | None = None
        self.restype: Any = ctypes.c_int

    def __call__(self, *args: Any) -> Any:
        types_ = self.argtypes if self.argtypes is not None else [ctypes.c_uint32] * len(args)
        converted = [
            kind(arg).value if isinstance(arg, int) else arg for kind, arg in zip(types_, args, strict=True)
        ]
        raw = self.impl(*converted)
        return None if self.restype is None else self.restype(raw).value


def _fake_kernel32(created: int, now: int) -> types.SimpleNamespace:
    def get_process_times(handle: int, *times: Any) -> int:
        if handle != PSEUDO_HANDLE:
            return 0  # ERROR_INVALID_HANDLE
        times[0]._obj.dwLowDateTime, times[0]._obj.dwHighDateTime = created & 0xFFFFFFFF, created >> 32
        return 1

    def get_system_time(now_ref: Any) -> int:
        now_ref._obj.dwLowDateTime, now_ref._obj.dwHighDateTime = now & 0xFFFFFFFF, now >> 32
        return 0

    return types.SimpleNamespace(
        GetCurrentProcess=_ForeignFunction(lambda: PSEUDO_HANDLE),
        GetProcessTimes=_ForeignFunction(get_process_times),
        GetSystemTimeAsFileTime=_ForeignFunction(get_system_time),
    )


def test_process_age_on_windows_passes_the_process_handle_whole() -> None:
    created = 133_000_000_000_000_000  # 100 ns units since 1601
    kernel32 = _fake_kernel32(created, created + 12_345_000)
    assert frozen_support._windows_process_age(kernel32) == pytest.approx(1.2345)


def test_process_times_api_is_declared_with_pointer_sized_handles() -> None:
    kernel32 = frozen_support._declare_process_times(_fake_kernel32(0, 0))
    pointer = ctypes.sizeof(ctypes.c_void_p)
    assert ctypes.sizeof(kernel32.GetCurrentProcess.restype) == pointer
    assert ctypes.sizeof(kernel32.GetProcessTimes.argtypes[0]) == pointer
    assert len(kernel32.GetProcessTimes.argtypes) == 5


# --- build.spec on a bare interpreter ----------------------------------------------------------------------------


def _run_spec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collect: Callable[..., list[str]]
) -> dict[str, Any]:
    """Run build.spec on an interpreter that cannot import thidua_desktop; the arguments given to Analysis."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = collect  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name) or types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if Path(p or ".").resolve() != ROOT])
    analysis: dict[str, Any] = {}

    class Target:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.binaries: list[Any] = []
            self.datas: list[Any] = []
            self.pure: list[Any] = []
            self.scripts: list[Any] = []

    class Analysis(Target):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__()
            analysis.update(kwargs)

    namespace = {"__name__": "spec", "SPECPATH": str(ROOT), "workpath": str(tmp_path), "Analysis": Analysis}
    namespace.update({name: Target for name in ("PYZ", "EXE", "COLLECT")})
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return analysis


def test_spec_puts_the_checkout_on_sys_path_before_collecting_the_plug_in_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under Wine the interpreter has no thidua_desktop installed: collect_submodules must still find it."""
    seen: list[bool] = []

    def collect_submodules(package: str, filter: Any = None) -> list[str]:
        seen.append(str(ROOT) in sys.path)
        return [package]

    _run_spec(tmp_path, monkeypatch, collect_submodules)
    assert seen and all(seen)


def test_spec_leaves_out_tls_and_openssl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing goes online (no _ssl, libssl); hashlib's built-in SHA-256 serves attachments and imports instead
    of OpenSSL's (_hashlib, libcrypto)."""
    import hashlib

    analysis = _run_spec(tmp_path, monkeypatch, lambda package, filter=None: [package])
    assert {"ssl", "_ssl", "_hashlib"} <= set(analysis["excludes"])
    builtin = hashlib.__get_builtin_constructor("sha256")  # type: ignore[attr-defined]
    assert builtin(b"").hexdigest() == hashlib.sha256(b"").hexdigest()


# --- the DLL check of the Windows bundle -------------------------------------------------------------------------


@pytest.fixture
def pe_imports() -> types.ModuleType:
    import importlib.util

    spec = importlib.util.spec_from_file_location("pe_imports", PE_IMPORTS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


OBJDUMP_SAMPLE = """
The Import Tables (interpreted .rdata section contents)
 vma:            Hint    Time      Forward  DLL       First
 00191740\t00191ae8 00000000 00000000 00191e9e 00116250

\tDLL Name: bcryptprimitives.dll
\tvma:  Hint/Ord Member-Name Bound-To
\t191e90\t    0  ProcessPrng

 00191754\t00191af8 00000000 00000000 00191ee0 00116260

\tDLL Name: icuuc.dll
\tvma:  Hint/Ord Member-Name Bound-To
\t97f8da\t  263  ucnv_open
\t97f8e6\t  225  ucnv_close

The Export Tables (interpreted .rdata section contents)
\t[   0] +base[   1] 1370 Export RVA
"""


def test_objdump_import_tables_are_read_per_dll(pe_imports: types.ModuleType) -> None:
    assert pe_imports.parse_imports(OBJDUMP_SAMPLE) == {
        "bcryptprimitives.dll": ["ProcessPrng"],
        "icuuc.dll": ["ucnv_open", "ucnv_close"],
    }


def test_bundle_check_names_each_dll_neither_bundled_nor_windows(
    pe_imports: types.ModuleType, tmp_path: Path
) -> None:
    for name in (
        "App.exe",
        "_internal/Qt6Core.dll",
        "_internal/MSVCP140.dll",
        "_internal/PySide6/QtCore.pyd",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"MZ")
    imports = {
        "App.exe": {"KERNEL32.dll": [], "api-ms-win-crt-runtime-l1-1-0.dll": []},
        "Qt6Core.dll": {"msvcp140.dll": [], "icuuc.dll": [], "VCRUNTIME140.dll": []},
        "MSVCP140.dll": {"ntdll.dll": []},
        "QtCore.pyd": {"Qt6Core.dll": [], "python3.dll": []},
    }
    problems = pe_imports.missing_imports(tmp_path, lambda path: imports[path.name])
    assert sorted(problems) == [
        f"{Path('_internal/PySide6/QtCore.pyd')} cần python3.dll",
        f"{Path('_internal/Qt6Core.dll')} cần VCRUNTIME140.dll",  # the Visual C++ runtime must be bundled
    ]


def test_icu_stand_in_reports_every_converter_missing(pe_imports: types.ModuleType) -> None:
    source = pe_imports.icu_stand_in_source(["ucnv_close", "ucnv_open", "ucnv_close"])
    assert source.count("EXPORT") == 2 + 1  # the macro and two functions, each once
    assert "ucnv_open(const void *name, int *status)" in source
    assert "*status = U_FILE_ACCESS_ERROR" in source
