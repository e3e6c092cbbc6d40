# veikart_hex_array(HEX_VAR SIZE_VAR FILE): the bytes of FILE as the body of a
# C array initialiser ("0x3c,0x3f,...", 16 to a line, ending in a 0x00 that
# makes the text NUL-terminated), and its size in bytes.  Included by the
# embedding scripts, cmake/embed.cmake and fuzz/embed.cmake.
function(veikart_hex_array hex_var size_var file)
	file(READ "${file}" _hex HEX)
	file(SIZE "${file}" _size)
	string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _hex "${_hex}")
	# Break the array into lines of 16 bytes to keep the file readable.
	string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n\t" _hex "${_hex}")
	set(${hex_var} "${_hex}0x00" PARENT_SCOPE)
	set(${size_var} "${_size}" PARENT_SCOPE)
endfunction()
