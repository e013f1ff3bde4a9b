/**
 * Checks on the client's file name. Downloads carry the original name, and
 * the recipient's operating system chooses what to do with a file by its
 * extension, not by its contents. A name that makes Windows or a browser run
 * the file is therefore rejected even when the bytes are harmless text.
 */

/** Extensions that run code, mount disks or render active content when opened. */
const DANGEROUS_EXTENSIONS = new Set([
  // Windows programs, installers and shortcuts
  "exe", "com", "scr", "pif", "cpl", "msi", "msp", "mst", "msc", "dll", "sys", "ocx", "lnk", "url", "scf",
  "inf", "reg", "gadget", "application", "appref-ms", "appx", "msix", "iso", "img", "vhd", "vhdx",
  // Scripts
  "bat", "cmd", "vb", "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "wsc", "ps1", "psm1", "psd1",
  "ps1xml", "psc1", "msh", "msh1", "msh2", "hta", "jar", "jnlp", "sh", "bash", "zsh", "csh", "ksh",
  "command", "py", "pyw", "pl", "rb", "php",
  // macOS and Linux programs and packages
  "app", "pkg", "dmg", "deb", "rpm", "apk",
  // Active web content that browsers render and run from disk
  "html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "mht", "mhtml",
  // Macro-enabled Office formats
  "docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm",
]);

/**
 * Returns the lower-case extension without the dot, or undefined. Trailing
 * dots and spaces are ignored because Windows strips them when it saves a
 * file, so `report.exe.` is saved as `report.exe`.
 */
export function fileExtension(fileName: string): string | undefined {
  const trimmed = fileName.replace(/[. ]+$/, "");
  const dot = trimmed.lastIndexOf(".");
  if (dot < 0 || dot === trimmed.length - 1) return undefined;
  return trimmed.slice(dot + 1).toLowerCase();
}

/** Returns why a file name is not accepted, or undefined when it is. */
export function dangerousNameReason(fileName: string): string | undefined {
  const extension = fileExtension(fileName);
  if (extension === undefined || !DANGEROUS_EXTENSIONS.has(extension)) return undefined;
  return (
    `The file name ends in .${extension}, a type that can run as a program when opened; ` +
    "upload documents and images only, such as PDF, JPEG, PNG, HEIC, DOCX, XLSX, ZIP or CSV"
  );
}
