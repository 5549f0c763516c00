"""Runs a Pulumi Python program for tools/pulumi-language-python (written for this project).

    python runner.py PROGRAM [ARGS...]

PROGRAM is a directory with __main__.py or a .py file. The deployment arrives in the same
environment variables the Go SDK reads (PULUMI_MONITOR, PULUMI_ENGINE, PULUMI_PROJECT,
PULUMI_STACK, PULUMI_ORGANIZATION, PULUMI_ROOT_DIRECTORY, PULUMI_DRY_RUN, PULUMI_PARALLEL,
PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS); we hand them to the `pulumi` package's public runtime
settings and run the program inside the root stack resource, so its exports become stack outputs.

Exit status 32 means "failed, already reported to the engine": the host then adds nothing, so the
user sees the error once.
"""

import asyncio
import json
import os
import runpy
import sys
import traceback

EXIT_LOGGED_ERROR = 32


def main() -> int:
    program, args = sys.argv[1], sys.argv[2:]
    program_dir = program if os.path.isdir(program) else os.path.dirname(program)

    # Imported here, after the program's virtualenv is known to be the interpreter, so a missing
    # SDK is reported as such (below) rather than as a traceback from this file.
    try:
        import pulumi
        from pulumi.runtime import config, settings, stack
    except ImportError as err:
        print(f"cannot import the Pulumi SDK ({err}): `pip install pulumi` into the program's "
              "virtualenv (Pulumi.yaml runtime.options.virtualenv)", file=sys.stderr)
        return 1

    env = os.environ
    settings.configure(settings.Settings(
        project=env.get("PULUMI_PROJECT"),
        stack=env.get("PULUMI_STACK"),
        monitor=env.get("PULUMI_MONITOR"),
        engine=env.get("PULUMI_ENGINE") or None,
        parallel=int(env.get("PULUMI_PARALLEL") or 0) or None,
        dry_run=env.get("PULUMI_DRY_RUN") == "true",
        organization=env.get("PULUMI_ORGANIZATION") or None,
        root_directory=env.get("PULUMI_ROOT_DIRECTORY") or program_dir,
    ))
    config.set_all_config(json.loads(env.get("PULUMI_CONFIG") or "{}"),
                          json.loads(env.get("PULUMI_CONFIG_SECRET_KEYS") or "[]"))

    # The program sees itself as `python <program>` would: its own argv, cwd and import path.
    os.chdir(program_dir)
    sys.argv = [program, *args]

    def run_program() -> None:
        runpy.run_path(program, run_name="__main__")

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(stack.run_in_stack(run_program))
    except pulumi.RunError as err:
        # RunError means "stop with this message", no stack trace.
        pulumi.log.error(str(err))
        return EXIT_LOGGED_ERROR
    except Exception as err:  # noqa: BLE001 reported once, through the engine
        pulumi.log.error("Program failed with an unhandled exception:\n" + program_traceback(err, program_dir))
        return EXIT_LOGGED_ERROR
    finally:
        loop.close()
    return 0


def program_traceback(err: BaseException, program_dir: str) -> str:
    """The traceback from the first frame in the user's code on: the frames of this runner, runpy
    and the SDK's event loop above it only hide where the program failed."""
    root = os.path.abspath(program_dir) + os.sep
    tb = err.__traceback__
    while tb is not None and not in_program(tb.tb_frame.f_code.co_filename, root):
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(err), err, tb or err.__traceback__))


def in_program(filename: str, root: str) -> bool:
    # Frozen stdlib modules report pseudo names like "<frozen runpy>": never the user's code.
    return os.path.isabs(filename) and filename.startswith(root)


if __name__ == "__main__":
    sys.exit(main())
