// The worklist of the caller's party: open cases with what needs doing next.
import { showPageError, startPage } from "./app.js";
import { worklistView } from "./worklist-view.js";

startPage("worklist.html").then((profile) => worklistView(profile)).catch(showPageError);
