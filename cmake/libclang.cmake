# SPDX-License-Identifier: MIT
# libclang's C API, of whichever LLVM is installed (Debian's libclang-dev, or any
# libclang-N-dev), so that no one version is pinned.  Tried in order, the header and
# the library always from the same place: -DLIBCLANG_ROOT=PREFIX (say /usr/lib/llvm-19),
# the LLVM that llvm-config names (the system's default one), each /usr/lib/llvm-N
# newest first, then the compiler's own search paths.  Sets LIBCLANG_INCLUDE_DIR and
# LIBCLANG_LIBRARY (cached: a new LIBCLANG_ROOT looks again).
set(LIBCLANG_ROOT "" CACHE PATH "LLVM prefix with include/clang-c/Index.h and lib/libclang.so")

if(NOT LIBCLANG_LIBRARY OR NOT LIBCLANG_INCLUDE_DIR OR NOT "${LIBCLANG_ROOT}" STREQUAL "${_LIBCLANG_ROOT_SEEN}")
	set(_inc_dirs "")
	set(_lib_dirs "")
	if(LIBCLANG_ROOT)
		list(APPEND _inc_dirs "${LIBCLANG_ROOT}/include")
		list(APPEND _lib_dirs "${LIBCLANG_ROOT}/lib")
	endif()
	find_program(LLVM_CONFIG NAMES llvm-config)
	if(LLVM_CONFIG)
		execute_process(COMMAND "${LLVM_CONFIG}" --includedir --libdir RESULT_VARIABLE _rc
			OUTPUT_VARIABLE _out OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
		if(_rc EQUAL 0)
			string(REPLACE "\n" ";" _out "${_out}")
			list(GET _out 0 _inc)
			list(GET _out 1 _lib)
			list(APPEND _inc_dirs "${_inc}")
			list(APPEND _lib_dirs "${_lib}")
		endif()
	endif()
	file(GLOB _llvms LIST_DIRECTORIES true /usr/lib/llvm-[0-9]*)
	list(SORT _llvms COMPARE NATURAL ORDER DESCENDING)
	foreach(_p IN LISTS _llvms)
		list(APPEND _inc_dirs "${_p}/include")
		list(APPEND _lib_dirs "${_p}/lib")
	endforeach()

	unset(LIBCLANG_INCLUDE_DIR CACHE)
	unset(LIBCLANG_LIBRARY CACHE)
	foreach(_inc _lib IN ZIP_LISTS _inc_dirs _lib_dirs)
		find_library(_found NAMES clang PATHS "${_lib}" NO_DEFAULT_PATH NO_CACHE)
		if(_found AND EXISTS "${_inc}/clang-c/Index.h")
			set(LIBCLANG_INCLUDE_DIR "${_inc}" CACHE PATH "where clang-c/Index.h is")
			set(LIBCLANG_LIBRARY "${_found}" CACHE FILEPATH "libclang")
			break()
		endif()
		unset(_found)
	endforeach()
	find_path(LIBCLANG_INCLUDE_DIR clang-c/Index.h)
	find_library(LIBCLANG_LIBRARY NAMES clang)
	if(NOT LIBCLANG_INCLUDE_DIR OR NOT LIBCLANG_LIBRARY)
		message(FATAL_ERROR "libclang not found: install libclang-dev (Debian) or pass -DLIBCLANG_ROOT=PREFIX")
	endif()
	set(_LIBCLANG_ROOT_SEEN "${LIBCLANG_ROOT}" CACHE INTERNAL "")
	message(STATUS "libclang: ${LIBCLANG_LIBRARY} (${LIBCLANG_INCLUDE_DIR})")
endif()
