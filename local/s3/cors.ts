/**
 * Builds the bucket CORS configuration that lets the web app post uploads
 * and fetch downloads straight from storage, as the AWS buckets allow.
 */
export function corsConfigurationXml(origins: string[]): string {
  const allowedOrigins = origins.map((origin) => `<AllowedOrigin>${escapeXml(origin)}</AllowedOrigin>`).join("");
  return [
    "<CORSConfiguration>",
    "<CORSRule>",
    allowedOrigins,
    "<AllowedMethod>GET</AllowedMethod>",
    "<AllowedMethod>HEAD</AllowedMethod>",
    "<AllowedMethod>PUT</AllowedMethod>",
    "<AllowedMethod>POST</AllowedMethod>",
    "<AllowedHeader>*</AllowedHeader>",
    "<ExposeHeader>ETag</ExposeHeader>",
    "<MaxAgeSeconds>3000</MaxAgeSeconds>",
    "</CORSRule>",
    "</CORSConfiguration>",
  ].join("");
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
