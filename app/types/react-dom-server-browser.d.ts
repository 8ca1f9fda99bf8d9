// react-dom 18 publishes its web-streams server renderer as the "./server.browser" export
// (package.json "exports"); @types/react-dom 18 only types it under "react-dom/server".
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
