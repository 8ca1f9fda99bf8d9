// The script of the enterprise's status page (served without React, decision 012): the
// browser's checks and progress bars for its upload and message forms (./uploads.ts).
import { UPLOAD_STRINGS_ID } from "./upload-strings";
import { installAllUploads, translator } from "./uploads";

const strings = document.getElementById(UPLOAD_STRINGS_ID)?.textContent;
if (strings) installAllUploads(translator(JSON.parse(strings) as Record<string, string>));
