// Text the keyboard alone does not deliver to the canvas: Chinese (and any input-method)
// composition and text inserted by the browser. While a text field of the UI has the
// keyboard, an invisible text box of the page holds the browser's focus near the text cursor
// (so the input method's candidate list shows there); what is composed in it goes to Dear
// ImGui as typed characters. Plain key presses keep going through GLFW as before.
#pragma once

namespace cb {

// Installs the box and the input-method position hook. Call once, after ImGui's context exists.
void WebTextInputInit();
// Call once per frame after the UI was drawn: focuses the box while a text field wants the
// keyboard, lets it go otherwise.
void WebTextInputSync(bool text_field_active);

}  // namespace cb
