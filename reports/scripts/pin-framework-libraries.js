// Framework's client bundle names a version of each library it offers as a built-in (Plot, d3,
// htl, React, ...), and asks the npm registry for the latest one whenever its cache has none. The
// pages import nothing from npm:, so these libraries are never loaded; pinning their versions in
// the cache keeps the build offline and the bundle the same from one day to the next.
import {mkdirSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";

const PINNED = [
  "@observablehq/plot@0.6.17", "@observablehq/sample-datasets@1.0.1", "apache-arrow@21.2.0", "arquero@8.0.3",
  "d3@7.9.2", "d3-dsv@3.0.2", "echarts@6.1.0", "htl@1.0.0", "leaflet@1.9.4", "lodash@4.18.1", "mapbox-gl@3.32.0",
  "parquet-wasm@0.8.0", "react@19.3.1", "react-dom@19.3.1", "topojson-client@3.1.0"
];

const cache = fileURLToPath(new URL("../src/.observablehq/cache/_npm", import.meta.url));
for (const library of PINNED) mkdirSync(path.join(cache, library), {recursive: true});
