mod erlang;
