; Inno Setup 6 script: installer for the PyInstaller folder dist\ent-portfolio.
;
; Build (from the repository root, after the PyInstaller build):
;   for /f %v in ('python packaging\windows\version_info.py --print-version') do set VERSION=%v
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=%VERSION% packaging\windows\ent-portfolio.iss
; or in PowerShell:
;   $v = python packaging\windows\version_info.py --print-version
;   & "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" "/DAppVersion=$v" packaging\windows\ent-portfolio.iss
; Output: dist\EnT-Portfolio-<version>-windows-x64-setup.exe
;
; The version is passed in from ent_portfolio.__version__; it is never typed here.
; Installs per user by default (no administrator rights needed on university
; laptops); an administrator can choose "all users" in the dialog.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=<ent_portfolio.__version__> ent-portfolio.iss
#endif

#define AppName "EnT Portfolio"
#define AppExe "EnT Portfolio.exe"
#define CliExe "ent-portfolio.exe"
#define SourceDir "..\..\dist\ent-portfolio"

[Setup]
; A fixed GUID identifies the product for upgrades; never change it.
AppId={{6E1B2C4A-7F3D-4B8E-9C21-5A0D3E7F8B64}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=EnT Portfolio contributors
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=EnT-Portfolio-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
LicenseFile=..\..\resources\licenses\INDEX.md
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; the app is offline-first: nothing to download during setup
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Thai wizard texts: Inno Setup ships Thai as an unofficial translation
; (https://jrsoftware.org/files/istrans/); copy Thai.isl into the Languages
; folder of Inno Setup and uncomment:
; Name: "thai"; MessagesFile: "compiler:Languages\Thai.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "addtopath"; Description: "Add ent-portfolio (command line) to PATH"; GroupDescription: "Command line:"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; per-user PATH entry for the command line (only with the "addtopath" task)
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; \
  ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program itself may leave in its folder; portfolios live in the
; user's documents/data folder and are never removed by the uninstaller
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
