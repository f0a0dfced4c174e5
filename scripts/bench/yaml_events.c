/* The YAML floor of `make bench`: libyaml's event parser over each file named on standard
 * input (one path a line), building nothing. No YAML linter can read the files it must parse
 * faster than this, so bench.py compares resourcelint against rg plus this pass over the YAML
 * files that could hold a declaration.
 *
 * usage: yaml_events LIST        (LIST: one path a line; `-` or none: standard input)
 * prints the files read, the events pulled and the parse errors.
 * build: gcc -O2 -o yaml_events yaml_events.c -lyaml
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

int main(int argc, char **argv) {
  FILE *list = stdin;
  if (argc > 1 && strcmp(argv[1], "-") != 0) {
    list = fopen(argv[1], "r");
    if (!list) {
      perror(argv[1]);
      return 2;
    }
  }
  char path[4096];
  unsigned long files = 0, events = 0, errors = 0;
  while (fgets(path, sizeof path, list)) {
    size_t length = strlen(path);
    if (length > 0 && path[length - 1] == '\n') path[--length] = '\0';
    if (length == 0) continue;
    FILE *file = fopen(path, "rb");
    if (!file) {
      perror(path);
      continue;
    }
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, file);
    files++;
    for (;;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) {
        errors++;
        break;
      }
      events++;
      int done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&event);
      if (done) break;
    }
    yaml_parser_delete(&parser);
    fclose(file);
  }
  printf("%lu files, %lu events, %lu parse errors\n", files, events, errors);
  return 0;
}
