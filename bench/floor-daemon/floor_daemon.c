// The least a launch daemon can do per request, as a yardstick for S1: read one HTTP request, posix_spawn one
// process, answer 201. No record, no containment, no log files, no threads: what the shared harness's client costs
// plus the spawns themselves. Usage: floor_daemon PORT PROGRAM MARKER (PROGRAM gets MARKER and an index).
#define _GNU_SOURCE
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

extern char **environ;

static int read_request(int c, char *buf, int size) {
  int got = 0, r;
  while ((r = read(c, buf + got, size - 1 - got)) > 0) {
    got += r;
    buf[got] = 0;
    char *end = strstr(buf, "\r\n\r\n");
    if (!end) continue;
    char *length = strcasestr(buf, "Content-Length:");
    if (got >= (end + 4 - buf) + (length ? atoi(length + 15) : 0)) return got;
  }
  return -1;
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: %s PORT PROGRAM MARKER\n", argv[0]); return 2; }
  signal(SIGCHLD, SIG_IGN);  // children are reaped by the kernel: nothing to wait for
  int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
  if (bind(s, (struct sockaddr *)&a, sizeof a) || listen(s, 1024)) { perror("bind"); return 1; }
  static const char created[] = "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
  static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
  char buf[16384];
  for (int n = 0;;) {
    int c = accept(s, 0, 0);
    if (c < 0) continue;
    if (read_request(c, buf, sizeof buf) > 0) {
      if (strncmp(buf, "POST /v1/launcher/launch", 24) == 0) {
        char index[16];
        snprintf(index, sizeof index, "%d", n++);
        char *args[] = { argv[2], argv[3], index, 0 };
        pid_t pid;
        posix_spawn(&pid, argv[2], 0, 0, args, environ);
        (void)!write(c, created, sizeof created - 1);
      } else {
        (void)!write(c, ok, sizeof ok - 1);
      }
    }
    close(c);
  }
}
