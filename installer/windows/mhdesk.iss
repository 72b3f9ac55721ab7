; Inno Setup script of the Windows installer (Inno Setup 6). First build the bundle on Windows:
;   py -m pip install -e . pyinstaller
;   py -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller installer\mhdesk.spec
; then compile this script (iscc installer\windows\mhdesk.iss); it writes dist\mhdesk-setup-<version>.exe.
; The installer needs no administrator rights: it installs for the current user unless one is chosen.

#define AppName "mhdesk"
#define AppVersion "0.1.0"
#define AppPublisher "Regional migration-health programme"

[Setup]
AppId={{6E0B7C52-4A52-4D6B-9E1B-3F1D8D1A7C11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=mhdesk-setup-{#AppVersion}
SetupIconFile=mhdesk.ico
UninstallDisplayIcon={app}\mhdesk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\mhdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\mhdesk.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\mhdesk.exe"; Tasks: desktopicon

[Run]
; The self-test proves the installed copy works before it is first opened.
Filename: "{app}\mhdesk.exe"; Parameters: "--selftest"; StatusMsg: "Checking the installation..."; Flags: runhidden
Filename: "{app}\mhdesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
