// A page served without React (decision 012) and its own small script: the strings it shows,
// in the page's language, as JSON; the chunks it imports, preloaded; the module itself.
import type { ClientScript } from "~/utils/client-entries.server";
import { jsonInScript } from "~/utils/json-in-script";
import { useNonce } from "~/utils/nonce";

export function EnhancerScript({ script, strings, stringsId }: { script: ClientScript; strings: Record<string, string>; stringsId: string }) {
  const nonce = useNonce();
  return (
    <>
      <script type="application/json" id={stringsId} nonce={nonce} dangerouslySetInnerHTML={{ __html: jsonInScript(strings) }} />
      {script.preload.map((href) => (
        <link key={href} rel="modulepreload" href={href} nonce={nonce} />
      ))}
      <script type="module" src={script.src} nonce={nonce} />
    </>
  );
}
