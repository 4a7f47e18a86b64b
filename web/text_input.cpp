// WebTextInput (text_input.h).
#include "text_input.h"

#include <emscripten.h>
#include <imgui.h>

// The box: a one-pixel, transparent text input fixed over the canvas, ignoring the mouse.
// A character typed on the keyboard reaches GLFW's window-level keypress handler (and so ImGui)
// and then also the box's input event: those are dropped (a keypress preceded them). Text that
// arrives without a keypress (a finished composition, inserted text) is handed to C++.
EM_JS(void, cb_text_box_create, (), {
    if (Module.cbTextBox) return;
    var box = document.createElement('input');
    box.type = 'text';
    box.setAttribute('autocomplete', 'off');
    box.setAttribute('aria-hidden', 'true');
    box.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:18px;opacity:0;border:0;padding:0;margin:0;' +
                        'pointer-events:none;font-size:16px;background:transparent;color:transparent;';
    document.body.appendChild(box);
    Module.cbTextBox = box;
    var keyed = false;
    function deliver(text) {
        if (!text) return;
        var len = lengthBytesUTF8(text) + 1;
        var ptr = _malloc(len);
        stringToUTF8(text, ptr, len);
        Module._cb_text_input(ptr);
        _free(ptr);
    }
    window.addEventListener('keydown', function () { keyed = false; }, true);
    window.addEventListener('keypress', function () { keyed = true; }, true);
    box.addEventListener('compositionend', function (e) {
        deliver(e.data || box.value);
        box.value = '';
        keyed = false;
    });
    box.addEventListener('input', function (e) {
        if (e.isComposing) return;  // compositionend delivers it whole
        var text = box.value;
        box.value = '';
        if (keyed) { keyed = false; return; }  // GLFW already took these characters
        deliver(text);
    });
});

EM_JS(void, cb_text_box_sync, (int want), {
    var box = Module.cbTextBox;
    if (!box) return;
    if (want && document.activeElement !== box) box.focus({ preventScroll: true });
    else if (!want && document.activeElement === box) box.blur();
});

EM_JS(void, cb_text_box_place, (int x, int y), {
    var box = Module.cbTextBox;
    if (!box) return;
    var r = Module.canvas.getBoundingClientRect();
    box.style.left = (r.left + x) + 'px';
    box.style.top = (r.top + y) + 'px';
});

extern "C" EMSCRIPTEN_KEEPALIVE void cb_text_input(const char* text) {
    if (text) ImGui::GetIO().AddInputCharactersUTF8(text);
}

namespace cb {

void WebTextInputInit() {
    cb_text_box_create();
    ImGui::GetIO().ImeSetInputScreenPosFn = [](int x, int y) { cb_text_box_place(x, y); };
}

void WebTextInputSync(bool text_field_active) { cb_text_box_sync(text_field_active ? 1 : 0); }

}  // namespace cb
