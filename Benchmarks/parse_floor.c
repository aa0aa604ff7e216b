/* The floor: libxml2 parsing every file and doing nothing else, as DOM and as a streaming pass. */
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: parse_floor dom|stream FILE...\n"); return 2; }
    int stream = strcmp(argv[1], "stream") == 0;
    long nodes = 0;
    for (int i = 2; i < argc; i++) {
        if (stream) {
            xmlTextReaderPtr reader = xmlReaderForFile(argv[i], NULL, XML_PARSE_NONET);
            if (!reader) return 1;
            while (xmlTextReaderRead(reader) == 1) nodes++;
            xmlFreeTextReader(reader);
        } else {
            xmlDocPtr doc = xmlReadFile(argv[i], NULL, XML_PARSE_NONET);
            if (!doc) return 1;
            nodes++;
            xmlFreeDoc(doc);
        }
    }
    printf("%ld\n", nodes);
    return 0;
}
