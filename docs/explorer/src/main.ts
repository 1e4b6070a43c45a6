// First, before anything imports the library: see zod-jitless.ts.
import "./zod-jitless.js";
import "./style.css";
import { start } from "./app.js";

start(document.getElementById("app")!);
