// corral_spawn: starts a program inside a cgroup, in its own session, with its output appended to a log file,
// in ONE exec. The portable path needs three (setsid, then a shell that enters the cgroup and redirects, then
// the program): at a hundred launches that is most of the CPU a launch burst costs.
//
// Like glibc's posix_spawn, the child shares the parent's memory (CLONE_VM | CLONE_VFORK) on a stack of its own
// and runs only async-signal-safe calls until execve: the parent's thread waits until the exec (or the failure)
// and reads the child's errno from the shared request. Every signal is blocked around the clone so that no
// handler of the runtime can run in the child; the child resets handled signals to their defaults before the exec.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct spawn_request {
    const char *path;
    char *const *argv;
    char *const *envp;
    const char *cwd;
    int cgroup_procs_fd;
    const char *log_path;
    const char *err_path;
    int new_session;
    volatile int error;
};

// dup2 onto itself keeps FD_CLOEXEC: clear it by hand in that case.
static int move_fd(int fd, int target) {
    if (fd == target) {
        return fcntl(fd, F_SETFD, 0);
    }
    if (dup2(fd, target) < 0) {
        return -1;
    }
    return close(fd);
}

static int child(void *arg) {
    struct spawn_request *r = arg;
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    // Every disposition back to its default, ignored ones too (as systemd does): a daemon started with SIGINT
    // ignored (nohup, `&` in a script) must not hand that on to bots whose stop signal is SIGINT, and the runtime
    // ignores SIGPIPE for itself. Signals the C library reserves refuse the call, which is fine.
    for (int s = 1; s < NSIG; s++) {
        sigaction(s, &dfl, NULL);
    }

    if (r->cgroup_procs_fd >= 0 && write(r->cgroup_procs_fd, "0", 1) != 1) {
        goto fail;
    }
    if (r->new_session && setsid() < 0) {
        goto fail;
    }
    if (r->cwd != NULL && chdir(r->cwd) < 0) {
        goto fail;
    }
    if (r->log_path != NULL) {
        int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (in < 0 || move_fd(in, 0) < 0) {
            goto fail;
        }
        int out = open(r->log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (out < 0 || (out != 1 && dup2(out, 1) < 0) || (out == 1 && fcntl(1, F_SETFD, 0) < 0)) {
            goto fail;
        }
        if (out > 2 && close(out) < 0) {
            goto fail;
        }
        // stderr in a file of its own when one is given, so a reader can tell the two streams apart.
        if (r->err_path == NULL) {
            if (dup2(1, 2) < 0) {
                goto fail;
            }
        } else {
            int err = open(r->err_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
            if (err < 0 || move_fd(err, 2) < 0) {
                goto fail;
            }
        }
    }

    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(r->path, r->argv, r->envp);
fail:
    r->error = errno;
    _exit(127);
}

// The pid of the started program, or -errno (the step that failed is the caller's guess: all are checked).
int corral_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd, int cgroup_procs_fd,
                 const char *log_path, const char *err_path, int new_session) {
    const size_t stack_size = 64 * 1024;
    void *stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        return -errno;
    }

    struct spawn_request r = {path, argv, envp, cwd, cgroup_procs_fd, log_path, err_path, new_session, 0};
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pid_t pid = clone(child, (char *)stack + stack_size, CLONE_VM | CLONE_VFORK | SIGCHLD, &r);
    int clone_error = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    munmap(stack, stack_size);
    if (pid < 0) {
        return -clone_error;
    }
    if (r.error != 0) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return -r.error;
    }
    return pid;
}

// Lets the caller check that this library is the one it was built against.
int corral_spawn_version(void) {
    return 2;
}
