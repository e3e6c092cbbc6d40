/* An outside program built against an installed libveikart. */
#include <stdio.h>
#include <string.h>

#include <veikart.h>

int main(void)
{
	veikart_method *m = NULL;

	printf("libveikart %s\n", veikart_version());
	if (strcmp(veikart_version(), VEIKART_VERSION) != 0)
		return 1;
	/* The built-in default methodology needs nothing installed. */
	if (veikart_method_load(&m, VEIKART_DEFAULT_METHOD, NULL, NULL) != 0) {
		fprintf(stderr, "%s\n", veikart_error_last()->message);
		return 1;
	}
	printf("%s: %zu phases\n", veikart_method_id(m), veikart_method_phase_count(m));
	veikart_method_free(m);
	return 0;
}
