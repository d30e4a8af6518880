# Shared by the bench scripts; sourced once the servers' env file (scripts/sftp-servers.sh) is loaded.

rclone_remote() { # side base -> an rclone sftp remote (connection string) for that server and directory
  local port user pass
  if [ "$1" = source ]; then port=$SOURCE_PORT user=$SOURCE_USER pass=$SOURCE_PASSWORD
  else port=$SINK_PORT user=$SINK_USER pass=$SINK_PASSWORD; fi
  echo ":sftp,host=127.0.0.1,port=$port,user=$user,pass=$(rclone obscure "$pass"),shell_type=none,known_hosts_file=$KNOWN_HOSTS:$2"
}

generate() { # dataset dir: written under dir.partial, then renamed, so an interrupted run leaves no half dataset
  rm -rf "$2.partial"
  python3 - "$1" "$2.partial" <<'PY'
import os, sys, random
name, root = sys.argv[1], sys.argv[2]
rnd = random.Random(20261124)
yesterday = 1764000000 - 86400
def write(path, size):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        left = size
        while left > 0:
            n = min(left, 1 << 20)
            f.write(os.urandom(n))
            left -= n
    os.utime(path, (yesterday, yesterday))
if name == "small":
    for i in range(5000):
        write(f"{root}/d{i % 50:02d}/s{i % 7}/f{i:05d}.bin", rnd.randint(1024, 64 * 1024))
elif name == "medium":
    for i in range(4):
        write(f"{root}/m{i}.bin", 120 << 20)
elif name == "small500":
    for i in range(500):
        write(f"{root}/d{i % 40:02d}/f{i:04d}.bin", rnd.randint(1024, 64 * 1024))
elif name == "mixed":
    # A tree as users have them: 2,000 small files of 1-256 KiB in nested directories, 8 medium of 150 MiB, one
    # large of 1.2 GiB.
    for i in range(2000):
        write(f"{root}/in/{i % 20:02d}/{i % 3}/r{i:04d}.dat", rnd.randint(1024, 256 * 1024))
    for i in range(8):
        write(f"{root}/media/v{i}.bin", 150 << 20)
    write(f"{root}/archive/a0.bin", 1200 << 20)
elif name == "large":
    write(f"{root}/l0.bin", 2 << 30)
elif name == "huge":
    write(f"{root}/h0.bin", 6 << 30)
elif name.startswith("wide-sync-"):
    os.makedirs(root)
    for i in range(int(name[len("wide-sync-"):])):
        write(f"{root}/f{i:07d}.bin", rnd.randint(1024, 4096))
elif name == "wide":
    os.makedirs(root)
    for i in range(1_000_000):
        path = f"{root}/w{i:07d}"
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o644))
        os.utime(path, (yesterday, yesterday))
else:
    sys.exit(f"unknown dataset {name}")
PY
  mv "$2.partial" "$2"
  sync   # write the dataset out now, not during the first timed run
}

seconds() { python3 -c "import time; print(f'{time.time():.3f}')"; }
