# Shared by the bench scripts; sourced once the servers' env file (scripts/sftp-servers.sh) is loaded.

rclone_remote() { # side base -> an rclone sftp remote (connection string) for that server and directory
  local port user pass
  if [ "$1" = source ]; then port=$SOURCE_PORT user=$SOURCE_USER pass=$SOURCE_PASSWORD
  else port=$SINK_PORT user=$SINK_USER pass=$SINK_PASSWORD; fi
  echo ":sftp,host=127.0.0.1,port=$port,user=$user,pass=$(rclone obscure "$pass"),shell_type=none,known_hosts_file=$KNOWN_HOSTS:$2"
}
