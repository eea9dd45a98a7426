; Installer of Thi đua Desktop (NSIS 3, Modern UI 2), built around the PyInstaller one-folder output.
;
;   makensis /DVERSION=0.1.0 /DSOURCE_DIR=dist/ThiDuaDesktop /DOUTFILE=dist/ThiDuaDesktop-0.1.0-setup.exe ^
;            [/DAPP_ICON=<absolute path of app.ico>] [/DNOCOMPRESS] packaging/thidua.nsi
;
; Relative paths are taken from packaging/ (makensis changes to the script's folder): pass absolute ones.
;
; - Per user, no administrator rights: installs into %LOCALAPPDATA%\Programs\ThiDuaDesktop, registers itself under
;   HKCU (Apps & features lists it), Start-menu and desktop shortcuts.
; - Upgrade in place: a newer (or the same) version installs into the folder of the one already there, after
;   checking that the program is closed; old program files are replaced, the data is not touched.
; - The user's data (%APPDATA%\ThiDuaDesktop: database, backups, logs, templates) is never part of the program
;   folder; the uninstaller keeps it unless the box "Xóa cả dữ liệu" is ticked.

Unicode true
!ifdef NOCOMPRESS
  SetCompress off ; syntax check in CI: fast
!else
  SetCompressor /SOLID lzma
!endif
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !error "Thiếu /DVERSION=x.y.z"
!endif
!ifndef SOURCE_DIR
  !error "Thiếu /DSOURCE_DIR=<thư mục dist/ThiDuaDesktop>"
!endif
!ifndef OUTFILE
  !define OUTFILE "ThiDuaDesktop-${VERSION}-setup.exe"
!endif
!ifndef EXE_NAME
  !define EXE_NAME "ThiDuaDesktop.exe"
!endif

!define APP_NAME "Thi đua Desktop"
!define APP_ID "ThiDuaDesktop"
!define PUBLISHER "Ban Tổ chức Đảng ủy phường"
!define REG_APP "Software\${APP_ID}"
!define REG_UNINSTALL "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define UNINSTALLER "Uninstall.exe"
!define SHORTCUT_NAME "${APP_NAME}.lnk"

; VIProductVersion needs four numbers
!searchparse /noerrors "${VERSION}.0.0.0" "" V1 "." V2 "." V3 "."
!define VERSION_QUAD "${V1}.${V2}.${V3}.0"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${REG_APP}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1066 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${APP_NAME}"
VIAddVersionKey /LANG=1066 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${PUBLISHER}"

!ifdef APP_ICON
  !define MUI_ICON "${APP_ICON}"
  !define MUI_UNICON "${APP_ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE_NAME}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APP_NAME} ngay"
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

Var PreviousVersion

; The program must be closed before its files are replaced or removed. Windows lets a running exe be renamed, but
; never opened for writing: FileOpen in append mode fails while the program runs (and changes nothing otherwise).
; Silent (/S): no retry, the setup or uninstaller stops with exit code 2 and every file stays.
!macro CHECK_CLOSED
  ${Do}
    ${IfNot} ${FileExists} "$INSTDIR\${EXE_NAME}"
      ${Break}
    ${EndIf}
    ClearErrors
    FileOpen $0 "$INSTDIR\${EXE_NAME}" a
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
      "${APP_NAME} đang chạy. Hãy đóng chương trình (dữ liệu đã lưu không bị mất) rồi bấm Thử lại." \
      /SD IDCANCEL IDRETRY +3
    SetErrorLevel 2
    Abort "${APP_NAME} đang chạy."
  ${Loop}
!macroend

Function .onInit
  SetShellVarContext current
  ReadRegStr $PreviousVersion HKCU "${REG_APP}" "Version"
  ${If} $PreviousVersion != ""
    MessageBox MB_OKCANCEL|MB_ICONINFORMATION \
      "Máy đã có ${APP_NAME} phiên bản $PreviousVersion. Bản ${VERSION} sẽ được cài đè vào cùng thư mục; \
dữ liệu (cơ sở dữ liệu, sao lưu, biểu mẫu) được giữ nguyên." \
      /SD IDOK IDOK +2
    Abort
  ${EndIf}
FunctionEnd

Section "${APP_NAME}" SecProgram
  SectionIn RO
  SetShellVarContext current
  !insertmacro CHECK_CLOSED
  ; Replace the program files of an older version (never the data, which lives elsewhere).
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE_NAME}"

  SetOutPath "$INSTDIR"
  !ifdef NSIS_WIN32_MAKENSIS
    File /r "${SOURCE_DIR}\*"
  !else
    File /r "${SOURCE_DIR}/*" ; makensis on Linux (the CI syntax check)
  !endif
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortCut "$SMPROGRAMS\${SHORTCUT_NAME}" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0
  CreateShortCut "$DESKTOP\${SHORTCUT_NAME}" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0

  WriteRegStr HKCU "${REG_APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${REG_APP}" "Version" "${VERSION}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayIcon" "$INSTDIR\${EXE_NAME}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${REG_UNINSTALL}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${REG_UNINSTALL}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "NoModify" 1
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "un.Chương trình ${APP_NAME}" UnSecProgram
  SectionIn RO
  SetShellVarContext current
  !insertmacro CHECK_CLOSED
  Delete "$SMPROGRAMS\${SHORTCUT_NAME}"
  Delete "$DESKTOP\${SHORTCUT_NAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE_NAME}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR" ; only when empty: a portable "data" folder put there by hand stays
  DeleteRegKey HKCU "${REG_UNINSTALL}"
  DeleteRegValue HKCU "${REG_APP}" "InstallDir"
  DeleteRegValue HKCU "${REG_APP}" "Version"
  DeleteRegKey /ifempty HKCU "${REG_APP}"
SectionEnd

; Unticked by default: the database, backups, logs and templates are kept for a later reinstall.
Section /o "un.Xóa cả dữ liệu (cơ sở dữ liệu, bản sao lưu, nhật ký, biểu mẫu) trong $APPDATA\${APP_ID}" UnSecData
  SetShellVarContext current
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 \
    "Xóa vĩnh viễn toàn bộ dữ liệu thi đua, khen thưởng trong $APPDATA\${APP_ID}, kể cả các bản sao lưu?$\n$\n\
Nên chép thư mục này sang nơi khác trước nếu còn cần." \
    /SD IDNO IDYES +2
  Return
  RMDir /r "$APPDATA\${APP_ID}"
  DeleteRegKey HKCU "${REG_APP}"
SectionEnd
