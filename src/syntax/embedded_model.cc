// Links models/syntax.model into the binary as the bytes between
// cairn_syntax_model_begin and cairn_syntax_model_end (syntax.cc reads
// them), so a built `cairn` needs no model file beside it. The path comes
// from CMake (CAIRN_SYNTAX_MODEL_PATH); the object is rebuilt when the
// model changes (OBJECT_DEPENDS in src/syntax/CMakeLists.txt).
__asm__(
    ".section .rodata\n"
    ".global cairn_syntax_model_begin\n"
    ".balign 16\n"
    "cairn_syntax_model_begin:\n"
    ".incbin \"" CAIRN_SYNTAX_MODEL_PATH
    "\"\n"
    ".global cairn_syntax_model_end\n"
    "cairn_syntax_model_end:\n"
    ".byte 0\n"
    ".previous\n");
